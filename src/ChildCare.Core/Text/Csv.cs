using System.Text;

namespace ChildCare.Core.Text;

/// <summary>A small RFC 4180 reader: quoted fields, doubled quotes, commas and line breaks inside quotes.</summary>
public static class Csv
{
    public static List<Dictionary<string, string>> ReadWithHeader(TextReader reader)
    {
        var rows = Read(reader).ToList();
        if (rows.Count == 0) return [];
        var header = rows[0].Select(h => h.Trim()).ToArray();
        return rows.Skip(1)
            .Where(r => r.Count > 1 || (r.Count == 1 && r[0].Length > 0))
            .Select(r => header.Select((h, i) => (h, v: i < r.Count ? r[i] : "")).ToDictionary(x => x.h, x => x.v))
            .ToList();
    }

    /// <summary>The records of a CSV text; <paramref name="separator"/> is ',' or ';' (what Excel writes where the decimal mark is a comma).</summary>
    public static IEnumerable<List<string>> Read(TextReader reader, char separator = ',')
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else inQuotes = false;
                }
                else field.Append(ch);
                continue;
            }
            if (ch == separator)
            {
                row.Add(field.ToString());
                field.Clear();
                continue;
            }
            switch (ch)
            {
                case '"': inQuotes = true; break;
                case '\r': break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    yield return row;
                    row = [];
                    break;
                default: field.Append(ch); break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
