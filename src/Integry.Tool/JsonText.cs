using System.Text;
using System.Text.Json;
using Integry.Sdk.Serialization;

namespace Integry.Tool;

/// <summary>Indented JSON written member by member, for the commands whose wire shape the SDK's types do not serialise publicly.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A list as Integry answers one: an object whose one member is the named array of items.</summary>
    public static string WriteList<T>(string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(name);
            foreach (var item in items)
            {
                writeItem(writer, item);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    /// <summary>Writes an id as Integry does (the SDK's rule): digits as a JSON number, anything else as a string.</summary>
    public static void WriteId(Utf8JsonWriter writer, string name, string id)
    {
        if (FlexibleIdConverter.IsInteger(id))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(id, skipInputValidation: true);
        }
        else
        {
            writer.WriteString(name, id);
        }
    }
}
