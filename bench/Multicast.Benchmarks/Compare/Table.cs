using System.Globalization;

namespace Multicast.Benchmarks.Compare;

/// <summary>The figures of one run, printed as one Markdown table with each figure's ratio to its reference (C, else raw .NET).</summary>
internal sealed class Table
{
    private readonly List<(string Figure, string Who, double Value, string? Note)> _rows = [];

    public void Add(string figure, string who, double value, string? note = null)
    {
        _rows.Add((figure, who, value, note));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {figure}: {who} {value:0.##}{(note is null ? string.Empty : $" ({note})")}"));
    }

    public void Print(string? footnote)
    {
        Console.WriteLine("| figure | who | value | ÷ reference | note |");
        Console.WriteLine("|---|---|---:|---:|---|");
        foreach (var group in _rows.GroupBy(r => r.Figure))
        {
            var reference = group.FirstOrDefault(r => r.Who == "C").Figure is not null ? group.First(r => r.Who == "C") : group.FirstOrDefault(r => r.Who == "raw .NET");
            foreach (var (figure, who, value, note) in group)
            {
                var ratio = reference.Figure is null || reference.Who == who || reference.Value == 0 ? string.Empty : (value / reference.Value).ToString("0.00", CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {figure} | {who} | {value:#,0.##} | {ratio} | {note} |"));
            }
        }

        if (footnote is not null)
        {
            Console.WriteLine();
            Console.WriteLine(footnote);
        }
    }
}
