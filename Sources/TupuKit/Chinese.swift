/// What the pipeline counts as a Chinese character: a CJK unified ideograph (the main block,
/// extensions A to J), a compatibility ideograph, or 〇 (the ideographic zero of 二〇二五年).
/// Punctuation, radicals and strokes are not.
public enum Chinese {
    @inlinable @inline(__always)
    public static func isCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x3007 { return false }
        if v < 0x10000 { return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v) || v == 0x3007 }
        return (0x20000...0x3347F).contains(v)
    }

    /// Whether the scalar is a Chinese character, an ASCII letter or an ASCII digit: what names are made of.
    @inlinable @inline(__always)
    public static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return isCharacter(scalar) || (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || (0x30...0x39).contains(v)
    }

    /// How many Chinese characters `text` holds.
    public static func characterCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isCharacter($1) ? 1 : 0) }
    }
}
