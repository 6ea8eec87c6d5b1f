using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.Resources;

/// <summary>The name index of long interface and network lists finds what a scan for the first equal name finds.</summary>
public sealed class NamePositionsTests
{
    [Theory]
    [InlineData(9)]
    [InlineData(100)]
    [InlineData(6_000)]
    public void Finds_the_first_position_of_every_name_as_a_scan_does(int count)
    {
        // Duplicates (every seventh name repeats an earlier one), empty and missing names among them.
        var names = Enumerable.Range(0, count).Select(i => i % 7 == 6 ? $"n{i / 2}" : i % 11 == 10 ? (i % 2 == 0 ? "" : null) : $"n{i}").ToList();
        var table = NamePositions.Build(names, static name => name);

        foreach (var name in names.Where(n => n is not null).Distinct().Concat(["missing", "n-1", $"n{count}"]))
        {
            var scanned = name!.Length == 0 ? -1 : names.IndexOf(name);
            Assert.Equal(scanned < 0 ? null : scanned, table.Find(names, name, static n => n));
        }
    }
}
