import Foundation
import Testing
import TupuKit
import TupuText

@testable import TupuGraph

/// Mutated graph files (cut, spliced, bytes flipped, numbers and strings swapped, lines
/// repeated or dropped) never crash the reader, and every error names a line of the input.
@Suite struct GraphFileFuzzTests {
    static let fragments: [String] = [
        "", "\n", "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "-1", "1e999", "0.5", "null", "true",
        "\"kind\"", "\"end\"", "\"graph\"", "\"edge\"", "\"entity\"", "\"version\":3", "\"support\":\"多\"",
        "\"start\":-1", "青禾", "“", "\u{0}", "\u{2028}", "\r", "\t", "{\"kind\":\"end\",\"entities\":0}"
    ]

    /// One mutation of `bytes`.
    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<8, using: &random) {
        case 0: bytes.removeSubrange(position...)  // cut anywhere
        case 1: if !bytes.isEmpty { bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random)) }
        case 2: bytes.insert(contentsOf: Array(fragments.randomElement(using: &random)!.utf8), at: position)
        case 3: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...40, using: &random)))
        case 4:  // a line repeated or dropped
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            let k = Int.random(in: 0..<lines.count, using: &random)
            if Bool.random(using: &random) { lines.insert(lines[k], at: k) } else { lines.remove(at: k) }
            bytes = Array(lines.joined(separator: [0x0A]))
        case 5:  // two lines swapped
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            lines.swapAt(Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random))
            bytes = Array(lines.joined(separator: [0x0A]))
        case 6:  // a digit run replaced
            let text = String(decoding: bytes, as: UTF8.self)
            let replacement = ["-7", "\"9\"", "1.5", "null", "[]", "{}", "99999999999999999999"].randomElement(using: &random)!
            if let range = text.range(
                of: #"[0-9]+"#, options: .regularExpression,
                range: text.index(text.startIndex, offsetBy: min(position, text.count))..<text.endIndex)
            {
                bytes = Array(text.replacingCharacters(in: range, with: replacement).utf8)
            }
        default: bytes.append(contentsOf: Array(fragments.randomElement(using: &random)!.utf8))
        }
        return bytes
    }

    /// Parses `bytes`: returns the outcome; records an issue when an error has no line of the input.
    static func check(_ bytes: [UInt8]) -> Bool {
        let lineCount = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
        do {
            _ = try GraphFile.parse(Data(bytes), path: "fuzz.jsonl")
            return true
        } catch let error as GraphFile.ReadError {
            #expect(error.line >= 1 && error.line <= lineCount + 1, "\(error) in \(String(decoding: bytes, as: UTF8.self))")
            #expect(error.description.hasPrefix("fuzz.jsonl:\(error.line): error: "))
            return false
        } catch {
            Issue.record("not a positioned error: \(error)")
            return false
        }
    }

    static func run(inputs: Int, seed: UInt64) -> (loaded: Int, refused: Int) {
        var random = SplitMix64(seed: seed)
        let original = Array(GraphFileIntegrityTests.fileText().utf8)
        var loaded = 0
        var refused = 0
        for _ in 0..<inputs {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &random) { bytes = mutate(bytes, &random) }
            if check(bytes) { loaded += 1 } else { refused += 1 }
        }
        return (loaded, refused)
    }

    @Test func tenThousandMutatedGraphFilesNeverCrashAndEveryErrorHasALine() {
        let (loaded, refused) = Self.run(inputs: 10_000, seed: 13)
        // The end line's checksum turns away nearly every change; what loads changed nothing it covers.
        #expect(refused > 9_000)
        #expect(loaded + refused == 10_000)
    }

    /// `TUPU_FUZZ_INPUTS=1000000 swift test --filter GraphFileFuzzTests` runs a long session.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TUPU_FUZZ_INPUTS"] != nil, "a long fuzz run, by hand: set TUPU_FUZZ_INPUTS"))
    func aLongerRunFromTheEnvironment() {
        let environment = ProcessInfo.processInfo.environment
        let inputs = Int(environment["TUPU_FUZZ_INPUTS"] ?? "") ?? 0
        let seed = UInt64(environment["TUPU_FUZZ_SEED"] ?? "") ?? 2026
        let clock = ContinuousClock()
        let start = clock.now
        let (loaded, refused) = Self.run(inputs: inputs, seed: seed)
        print("graph fuzz: \(inputs) inputs, seed \(seed), \(loaded) loaded, \(refused) refused, \(clock.now - start)")
    }
}
