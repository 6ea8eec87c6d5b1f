using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Offline;

/// <summary>
/// Turns the Kubernetes field paths of rule failures (<c>spec.template.spec.domain.devices.interfaces[1].state</c>)
/// into JSON pointers (<c>/spec/template/spec/domain/devices/interfaces/1/state</c>), to find a failure's line.
/// A bracket holding anything but digits is a map key (<c>metadata.annotations[k8s.v1.cni.cncf.io/networks]</c>).
/// </summary>
public static class FieldPaths
{
    public static JsonPointer ToPointer(string fieldPath)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < fieldPath.Length; i++)
        {
            var c = fieldPath[i];
            if (c == '.')
            {
                Flush(current, segments);
            }
            else if (c == '[')
            {
                Flush(current, segments);
                var close = fieldPath.IndexOf(']', i + 1);
                if (close < 0)
                {
                    // Not a field path we understand: keep the rest as one member name.
                    current.Append(fieldPath, i, fieldPath.Length - i);
                    break;
                }
                segments.Add(fieldPath[(i + 1)..close]);
                i = close;
            }
            else
            {
                current.Append(c);
            }
        }
        Flush(current, segments);
        return JsonPointer.Of([.. segments]);
    }

    private static void Flush(System.Text.StringBuilder current, List<string> segments)
    {
        if (current.Length > 0)
        {
            segments.Add(current.ToString());
            current.Clear();
        }
    }
}
