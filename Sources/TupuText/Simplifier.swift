import TupuKit

/// Reads Traditional-script text through Simplified characters, one scalar for one (縣 → 县,
/// 鄉 → 乡), so that the view keeps the offsets of the text as read. It switches on only for a
/// document that looks Traditional: Simplified text is looked at, never changed.
public struct Simplifier: Sendable {
    /// Per BMP scalar: its Simplified form, 0 when it has none (nearly every scalar).
    private let simplifiedBMP: [UInt16]
    /// Traditional characters outside the BMP (a few dozen rare ones).
    private let simplifiedOther: [UInt32: UInt32]
    /// Per BMP scalar: set when it is a Traditional form no Simplified text writes (縣, 鎮, 區 …);
    /// characters that are also a Simplified form of something (乾, 著) do not count.
    private let traditionalOnly: [Bool]

    /// A document is Traditional when this share of its first Chinese characters are
    /// Traditional-only forms (a Simplified article has next to none; a Traditional one a fifth or more).
    static let traditionalShare = 0.05
    /// How many Chinese characters the decision reads (a headline and a paragraph or two).
    static let sample = 400

    /// `pairs`: each Traditional character with its usual Simplified form.
    public init(pairs: [(traditional: Unicode.Scalar, simplified: Unicode.Scalar)]) {
        var bmp = [UInt16](repeating: 0, count: 0x10000)
        var other: [UInt32: UInt32] = [:]
        var isSimplifiedForm = [Bool](repeating: false, count: 0x10000)
        for (traditional, simplified) in pairs {
            if traditional.value < 0x10000 && simplified.value < 0x10000 {
                bmp[Int(traditional.value)] = UInt16(simplified.value)
            } else {
                other[traditional.value] = simplified.value
            }
            if simplified.value < 0x10000 { isSimplifiedForm[Int(simplified.value)] = true }
        }
        var traditionalOnly = [Bool](repeating: false, count: 0x10000)
        for value in 0..<0x10000 where bmp[value] != 0 && !isSimplifiedForm[value] { traditionalOnly[value] = true }
        self.simplifiedBMP = bmp
        self.simplifiedOther = other
        self.traditionalOnly = traditionalOnly
    }

    /// Whether the text's first Chinese characters hold enough Traditional-only forms.
    public func looksTraditional(_ scalars: [Unicode.Scalar]) -> Bool {
        var chinese = 0
        var traditional = 0
        for scalar in scalars where Chinese.isCharacter(scalar) {
            chinese += 1
            if scalar.value < 0x10000 && traditionalOnly[Int(scalar.value)] { traditional += 1 }
            if chinese == Self.sample { break }
        }
        return traditional >= 3 && Double(traditional) >= Self.traditionalShare * Double(chinese)
    }

    /// Simplifies the scalars in place when the text looks Traditional; says whether it did.
    public func simplifyIfTraditional(_ scalars: inout [Unicode.Scalar]) -> Bool {
        guard looksTraditional(scalars) else { return false }
        for i in scalars.indices { scalars[i] = simplified(scalars[i]) }
        return true
    }

    public func simplified(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x10000 {
            let mapped = simplifiedBMP[Int(value)]
            return mapped == 0 ? scalar : Unicode.Scalar(UInt32(mapped))!
        }
        return simplifiedOther[value].flatMap(Unicode.Scalar.init) ?? scalar
    }
}
