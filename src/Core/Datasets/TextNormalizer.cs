using System.Text;

namespace Sentinel.Core.Datasets;

/// <summary>
/// The text form the classifier sees and the key duplicates are found by: lower-case (invariant),
/// every character that is not a letter or a digit replaced by a space, runs of spaces collapsed,
/// trimmed. "Great, thanks!" and "great thanks" are the same text.
/// </summary>
/// <remarks>
/// The trained model's word tokenizer splits on spaces only: the ONNX tokenizer treats separators as
/// regular expressions, so punctuation is removed here instead, identically for training and serving.
/// </remarks>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                sb.Append(char.ToLowerInvariant(ch));
            }
            else
            {
                pendingSpace = true;
            }
        }
        return sb.ToString();
    }
}
