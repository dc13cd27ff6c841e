import Testing
import TupuKit

/// `endsWithBytes(of:)` against a suffix test over Unicode scalars, on random names and words
/// made of a few Chinese characters, so that suffixes match, nearly match and overrun.
@Suite struct ByteSuffixTests {
    static func naive(_ text: String, _ suffix: String) -> Bool {
        let text = Array(text.unicodeScalars)
        let suffix = Array(suffix.unicodeScalars)
        return text.count >= suffix.count && Array(text.suffix(suffix.count)) == suffix
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func agreesWithAScalarSuffixTest(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let alphabet = Array("镇乡村社区党委科室𠀀a".unicodeScalars)
        func word(_ length: Int) -> String {
            var word = String.UnicodeScalarView()
            for _ in 0..<length { word.append(alphabet.randomElement(using: &random)!) }
            return String(word)
        }
        for _ in 0..<2_000 {
            let text = word(Int.random(in: 0...6, using: &random))
            let suffix = word(Int.random(in: 0...3, using: &random))
            #expect(text.endsWithBytes(of: suffix) == Self.naive(text, suffix))
            #expect(text.endsWithBytes(of: String(text.unicodeScalars.suffix(2))))
        }
    }

    @Test func endsWithWordsOfADepartment() {
        #expect("临安区人民医院心内科".endsWithBytes(of: "科"))
        #expect("临安区人民医院科室".endsWithBytes(of: "科室"))
        #expect(!"临安区人民医院".endsWithBytes(of: "科"))
        #expect("".endsWithBytes(of: ""))
        #expect(!"".endsWithBytes(of: "科"))
    }
}
