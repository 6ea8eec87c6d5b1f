using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>The segmented list behind the patch session's and the proof's array listings behaves as a list.</summary>
public sealed class SegmentedListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(1_023)]
    [InlineData(1_024)]
    [InlineData(3_000)]
    public void Inserts_and_appends_as_a_list_does(int initial)
    {
        var expected = Enumerable.Range(0, initial).ToList();
        var list = new SegmentedList<int>(expected);
        var random = new Random(initial);
        for (var i = 0; i < 300; i++)
        {
            // At the front, at segment boundaries, in the middle and at the end.
            var index = (i % 5) switch
            {
                0 => 0,
                1 => expected.Count,
                2 => Math.Min(1_024, expected.Count),
                3 => Math.Max(0, Math.Min(1_023, expected.Count)),
                _ => random.Next(expected.Count + 1),
            };
            expected.Insert(index, -i - 1);
            list.Insert(index, -i - 1);
        }
        list[0] = 42;
        expected[0] = 42;

        Assert.Equal(expected, list);
        Assert.Equal(expected.Count, list.Count);
        Assert.Equal(expected[^1], list[list.Count - 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[list.Count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Insert(list.Count + 1, 0));
    }
}
