import Foundation
import TupuKit

/// UTF-8 text that is a string of its own or a range of a byte buffer shared with other slices.
/// A document's evidence sentences are written into one buffer, each piece of evidence holding
/// its sentence as a range of it: a `String` each cost an allocation and a validation of its
/// bytes, and the writer copies the bytes out as they are. Equal and hashed by the bytes.
public struct TextSlice: Sendable, Hashable, CustomStringConvertible {
    private enum Storage: Sendable {
        case string(String)
        /// A range of bytes that hold well-formed UTF-8 (their maker's promise).
        case shared([UInt8], start: UInt32, end: UInt32)
    }

    private let storage: Storage

    public init(_ string: String) { storage = .string(string) }

    /// `bytes[range]`, which must be well-formed UTF-8, without copying the buffer.
    package init(sharing bytes: [UInt8], range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count && bytes.count <= Int(UInt32.max))
        storage = .shared(bytes, start: UInt32(range.lowerBound), end: UInt32(range.upperBound))
    }

    /// The bytes, read in place.
    @inline(__always)
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .string(let string):
            return string.withUTF8Bytes(body)
        case .shared(let bytes, let start, let end):
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)])) }
        }
    }

    /// The text as a string of its own (made on demand for a slice of a shared buffer).
    public var string: String {
        switch storage {
        case .string(let string): return string
        case .shared: return withUTF8Bytes { String(decoding: $0, as: UTF8.self) }
        }
    }

    public var description: String { string }

    public static func == (a: TextSlice, b: TextSlice) -> Bool {
        a.withUTF8Bytes { a in b.withUTF8Bytes { b in ByteHash.equal(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
