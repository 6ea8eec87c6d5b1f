namespace AdmissionWebhook.Admission;

/// <summary>Maps the validate and mutate path of every reviewed resource onto the one transport handler.</summary>
internal static class AdmissionEndpoints
{
    public static readonly WebhookKind[] Kinds = [WebhookKind.Validate, WebhookKind.Mutate];

    public static IEndpointRouteBuilder MapAdmissionWebhooks(this IEndpointRouteBuilder app)
    {
        // The handler is a singleton, resolved once here: a plain RequestDelegate skips the per-request service scope
        // and the compiled parameter binding a delegate with injected parameters would get.
        var handler = app.ServiceProvider.GetRequiredService<AdmissionHttpHandler>();
        foreach (var reviewer in app.ServiceProvider.GetServices<IAdmissionReviewer>())
        {
            foreach (var kind in Kinds)
            {
                app.MapPost(reviewer.PathFor(kind), http => handler.HandleAsync(http, reviewer, kind))
                    .WithName(reviewer.PathFor(kind));
            }
        }
        return app;
    }
}
