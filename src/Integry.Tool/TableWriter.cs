namespace Integry.Tool;

/// <summary>Aligned columns for people (the --table view); long cells are cut with an ellipsis.</summary>
internal static class TableWriter
{
    private const int MaxCell = 80;

    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, int maxCell = MaxCell)
    {
        var cells = rows.Select(row => row.Select(cell => Cell(cell, maxCell)).ToArray()).ToList();
        var widths = headers.Select((header, column) => Math.Max(header.Length, cells.Count == 0 ? 0 : cells.Max(row => row[column].Length))).ToArray();
        output.WriteLine(Line(headers, widths));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private static string Cell(string? value, int maxCell)
    {
        var text = (value ?? string.Empty).ReplaceLineEndings(" ");
        return text.Length > maxCell ? text[..(maxCell - 1)] + "…" : text;
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => column == cells.Count - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd();
}
