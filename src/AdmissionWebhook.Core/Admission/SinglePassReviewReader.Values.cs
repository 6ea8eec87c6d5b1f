using System.Text.Json;

namespace AdmissionWebhook.Admission;

/// <summary>
/// The single pass's values (strings, lists, flags, values kept as text) and its walk from member to member and over
/// what it does not read, recording every member name for the duplicate check (see the main file).
/// </summary>
internal ref partial struct SinglePassReviewReader
{
    /// <summary>An array of strings; JSON null only where <paramref name="nullable"/> (the document path refuses it elsewhere).</summary>
    private bool Strings(out string[]? values, bool nullable)
    {
        values = null;
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return nullable;
        }
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        // Grown by hand: a review's lists are a group or two, so usually the first array is the answer.
        var items = new string[1];
        var count = 0;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            if (_reader.TokenType != JsonTokenType.String || !String(out var item))
            {
                return false;
            }
            if (count == items.Length)
            {
                Array.Resize(ref items, count * 2);
            }
            items[count++] = item!;
        }
        values = count == items.Length ? items : items[..count];
        return true;
    }

    /// <summary>A string (or JSON null), the shared instance when it is a known one; false for another type or no text.</summary>
    private bool String(out string? value)
    {
        value = null;
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String when !_reader.ValueIsEscaped && AdmissionReviewReader.Known.TryGet(_reader.ValueSpan, out var known):
                value = known;
                return true;
            case JsonTokenType.String:
                try
                {
                    value = _reader.GetString();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    // An escape that is no text (a lone surrogate), or bytes that are no UTF-8.
                    return false;
                }
            default:
                return false;
        }
    }

    private bool Boolean(out bool? value)
    {
        value = _reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return value is not null || _reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>Any value but JSON null, kept as its text in the body (checked for duplicate names on the way).</summary>
    private bool Value(ReadOnlyMemory<byte> body, out ReadOnlyMemory<byte>? text)
    {
        text = null;
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        var start = checked((int)_reader.TokenStartIndex);
        if (!Skip())
        {
            return false;
        }
        text = body[start..checked((int)_reader.BytesConsumed)];
        return true;
    }

    /// <summary>True with <paramref name="present"/> when on an object (entered); false with it unset otherwise.</summary>
    private bool IsObject(out bool present)
    {
        present = _reader.TokenType == JsonTokenType.StartObject;
        if (present)
        {
            _names.Enter();
            return true;
        }
        // JSON null reads as absent; any other type is the document path's to name.
        return false;
    }

    /// <summary>
    /// Moves to the next member of the object entered last and onto its value; false at its end (left) or when the
    /// name is one this reader does not take (then <see cref="_gaveUp"/> is set and the caller gives up).
    /// </summary>
    private bool NextMember(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (_gaveUp || !_reader.Read())
        {
            return false;
        }
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            _names.Leave();
            return false;
        }
        if (!Remember())
        {
            _gaveUp = true;
            return false;
        }
        name = _reader.ValueSpan;
        _reader.Read();
        return true;
    }

    /// <summary>Passes over the current value, checking the names of every object inside it.</summary>
    private bool Skip()
    {
        if (_reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }
        var depth = _reader.CurrentDepth;
        if (_reader.TokenType == JsonTokenType.StartObject)
        {
            _names.Enter();
        }
        while (_reader.Read())
        {
            switch (_reader.TokenType)
            {
                case JsonTokenType.PropertyName when !Remember():
                    return false;
                case JsonTokenType.StartObject:
                    _names.Enter();
                    break;
                case JsonTokenType.EndObject:
                    _names.Leave();
                    if (_reader.CurrentDepth == depth)
                    {
                        return true;
                    }
                    break;
                case JsonTokenType.EndArray when _reader.CurrentDepth == depth:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Records the current member name; false when it repeats one of its object, is escaped, or the object is too large to compare.</summary>
    private bool Remember() => _names.Remember(_body, in _reader);
}
