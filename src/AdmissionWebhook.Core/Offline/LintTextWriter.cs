namespace AdmissionWebhook.Offline;

/// <summary>
/// The human format: one <c>file:line: Code: message</c> line per finding (the form editors and CI logs link),
/// grouped under a header per object, then a summary line.
/// </summary>
public static class LintTextWriter
{
    public static void Write(LintReport report, TextWriter output)
    {
        foreach (var error in report.InputErrors)
        {
            output.WriteLine($"{error.Position}: {LintInputError.Code}: {error.Message}");
        }
        if (report.InputErrors.Count > 0)
        {
            output.WriteLine();
        }
        foreach (var result in report.Objects.Where(o => o.Findings.Count > 0))
        {
            output.WriteLine($"{result.Source}:{result.Line}: {result.Kind} {result.DisplayName}");
            foreach (var finding in result.Findings)
            {
                var label = finding.Severity switch
                {
                    LintSeverity.Warning => " [warning]",
                    LintSeverity.Fixable => " [fixable]",
                    _ => string.Empty,
                };
                var column = finding.Column > 0 ? $":{finding.Column}" : string.Empty;
                output.WriteLine($"{result.Source}:{finding.Line}{column}: {finding.Code}: {finding.Message}{label}");
            }
            output.WriteLine();
        }
        var denied = report.Objects.Count(o => o.Findings.Any(f => f.Severity == LintSeverity.Error));
        output.WriteLine($"{report.Objects.Count} object(s) checked: {denied} denied, {report.Count(LintSeverity.Error)} error(s), " +
            $"{report.Count(LintSeverity.Fixable)} fixable, {report.Count(LintSeverity.Warning)} warning(s)" +
            (report.InputErrors.Count > 0 ? $"; {report.InputErrors.Count} file(s) could not be read" : string.Empty));
    }
}
