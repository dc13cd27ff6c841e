import Foundation
import TupuKit

/// JSON text built directly as UTF-8 bytes: the graph file is mostly evidence sentences, and
/// copying their bytes once beats building a `String` per line and encoding it again. The bytes
/// live in storage of its own, not an array: a line is some twenty small appends, and an array's
/// `append(contentsOf:)` costs more in its checks than in copying the few bytes.
struct JSONBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes so far, valid until the next change.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands the bytes to `sink` and starts over, keeping the storage.
    mutating func drain(into sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try sink(bytes)
        count = 0
    }

    @inline(__always)
    private mutating func appendByte(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func appendBytes(_ source: UnsafePointer<UInt8>?, count n: Int) {
        guard let source, n > 0 else { return }
        if count + n > capacity { grow(toHold: count + n) }
        (base + count).update(from: source, count: n)
        count += n
    }

    private mutating func appendBytes(_ source: UnsafeBufferPointer<UInt8>) {
        appendBytes(source.baseAddress, count: source.count)
    }

    private mutating func grow(toHold needed: Int) {
        let larger = max(needed, 2 * capacity)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    // Inlined: a line is a dozen of these, and a call cost several times the copy of their few bytes.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        appendBytes(literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    /// Text that needs no escaping (relation names, numbers already formatted).
    mutating func appendRaw(_ text: String) {
        text.withUTF8Bytes { appendBytes($0) }
    }

    mutating func append(_ number: Int) {
        if number < 0 { appendByte(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            appendBytes(UnsafePointer(digits.baseAddress!.assumingMemoryBound(to: UInt8.self) + (20 - count)), count: count)
        }
    }

    /// A number as `JSON.number` writes it. Confidences lie in [0.1, 1): their digits are the
    /// thousandths, written straight in (every piece of evidence has one), without trailing zeros.
    mutating func append(_ x: Double) {
        if x == x.rounded() && abs(x) < 1e15 {
            append(Int(x))
        } else if x >= 0.1 && x < 0.9995 {
            // Three digits, the first not zero: without its trailing zeros it is the fraction.
            var thousandths = Int((x * 1000).rounded())
            while thousandths % 10 == 0 { thousandths /= 10 }
            append("0.")
            append(thousandths)
        } else {
            appendRaw(String(format: "%.3g", x))
        }
    }

    /// A JSON string per RFC 8259: quotes, backslashes, control characters and U+2028/U+2029
    /// (E2 80 A8/A9) escaped, all other UTF-8 copied as is. Evidence sentences make this the
    /// writer's busiest loop, so it skips eight bytes at a time while none of them needs a look.
    mutating func appendQuoted(_ text: String) {
        appendByte(UInt8(ascii: "\""))
        text.withUTF8Bytes { appendEscaped($0) }
        appendByte(UInt8(ascii: "\""))
    }

    /// `appendQuoted(_:)` for a slice, straight from the buffer it shares.
    mutating func appendQuoted(_ text: TextSlice) {
        appendByte(UInt8(ascii: "\""))
        text.withUTF8Bytes { appendEscaped($0) }
        appendByte(UInt8(ascii: "\""))
    }

    /// The inside of a JSON string: the bytes copied in runs between the escapes.
    private mutating func appendEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var copiedUpTo = 0
        var i = 0
        while i < source.count {
            if i + 8 <= source.count {
                let flagged = JSONBuffer.bytesToLookAt(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                if flagged == 0 {
                    i += 8
                    continue
                }
                // Straight to the first byte that needs a look (“ and ” in a sentence are common).
                i += flagged.trailingZeroBitCount >> 3
            } else if source.count >= 8 {
                // The last few bytes (most ids and names end so): the text's last eight, shifted
                // past those before `i`. A borrow from those may flag a byte that needs nothing
                // (it is then looked at and copied), never hide one that does.
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: source.count - 8, as: UInt64.self))
                let flagged = JSONBuffer.bytesToLookAt(word) >> UInt64(8 * (8 - (source.count - i)))
                if flagged == 0 { break }
                i += flagged.trailingZeroBitCount >> 3
            }
            let byte = source[i]
            let escape: StaticString
            var width = 1
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x00..<0x20: escape = ""
            case 0xE2 where i + 2 < source.count && source[i + 1] == 0x80 && (source[i + 2] == 0xA8 || source[i + 2] == 0xA9):
                escape = ""
                width = 3
            default:
                i += 1
                continue
            }
            appendBytes(base + copiedUpTo, count: i - copiedUpTo)
            if escape.utf8CodeUnitCount > 0 {
                append(escape)
            } else {
                appendUnicodeEscape(width == 3 ? 0x2000 + UInt32(source[i + 2]) - 0x80 : UInt32(byte))
            }
            i += width
            copiedUpTo = i
        }
        appendBytes(base + copiedUpTo, count: source.count - copiedUpTo)
    }

    /// The high bit of each of eight bytes (little-endian) that is a control character, `"`, `\\`
    /// or 0xE2 (the lead byte of U+2028/U+2029, and of “ ” too, which are then looked at one by
    /// one). A borrow can flag a byte above a flagged one, never below: the lowest bit is exact.
    @inline(__always)
    static func bytesToLookAt(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        return (word &- 0x20 &* ones) & ~word & highs
            | zeroBytes(word ^ (0x22 &* ones)) | zeroBytes(word ^ (0x5C &* ones)) | zeroBytes(word ^ (0xE2 &* ones))
    }

    private mutating func appendUnicodeEscape(_ value: UInt32) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        append("\\u")
        for shift in stride(from: 12, through: 0, by: -4) { appendByte(hex[Int(value >> UInt32(shift)) & 0xF]) }
    }

    mutating func appendArray<Items: RandomAccessCollection<String>>(_ items: Items) {
        appendByte(UInt8(ascii: "["))
        for i in items.indices {
            if i != items.startIndex { appendByte(UInt8(ascii: ",")) }
            appendQuoted(items[i])
        }
        appendByte(UInt8(ascii: "]"))
    }

    /// Keys in sorted order, so equal objects are written alike. The pairs are sorted, not the
    /// keys: looking each value up again would hash every key once more.
    mutating func appendObject(_ dictionary: [String: String]) {
        appendByte(UInt8(ascii: "{"))
        // Every entity has one or two attributes (a kind; a place's level and code): those are
        // written without sorting them into an array of their own.
        if dictionary.count <= 2 {
            var pairs = dictionary.makeIterator()
            if let first = pairs.next() {
                if let second = pairs.next() {
                    let inOrder = first.key < second.key
                    appendMember(inOrder ? first : second)
                    appendByte(UInt8(ascii: ","))
                    appendMember(inOrder ? second : first)
                } else {
                    appendMember(first)
                }
            }
        } else {
            for (i, pair) in dictionary.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { appendByte(UInt8(ascii: ",")) }
                appendMember(pair)
            }
        }
        appendByte(UInt8(ascii: "}"))
    }

    private mutating func appendMember(_ pair: (key: String, value: String)) {
        appendQuoted(pair.key)
        appendByte(UInt8(ascii: ":"))
        appendQuoted(pair.value)
    }
}

/// Sort keys made of strings, spelled out once as UTF-8 in one pool, compared with `memcmp`:
/// byte order is `String` order for the NFC text ids are made of, without `String`'s
/// Unicode-aware comparison, and the sort touches no reference counts. Keys are spelled part by
/// part (`append`, then `endKey`): no array of parts is made for each element.
struct SortKeys {
    private var pool: [UInt8] = []
    private var bounds: [Int] = [0]
    private var partsInKey = 0

    init(capacity: Int) { bounds.reserveCapacity(capacity + 1) }

    /// Appends a part to the key being spelled, after a NUL if it is not the first, so that
    /// comparing the keys compares the tuples.
    mutating func append(_ part: String) {
        if partsInKey > 0 { pool.append(0) }
        partsInKey += 1
        part.withUTF8Bytes { pool.append(contentsOf: $0) }
    }

    /// Ends the key being spelled: keys are numbered from 0 in the order they end.
    mutating func endKey() {
        bounds.append(pool.count)
        partsInKey = 0
    }

    /// Indices of the keys in ascending order; equal keys keep their order.
    func order() -> [Int] {
        let count = bounds.count - 1
        return pool.withUnsafeBufferPointer { pool in
            bounds.withUnsafeBufferPointer { bounds in
                let base = pool.baseAddress
                return (0..<count).sorted { a, b in
                    let aStart = bounds[a]
                    let aCount = bounds[a + 1] - aStart
                    let bStart = bounds[b]
                    let bCount = bounds[b + 1] - bStart
                    let common = min(aCount, bCount)
                    let order = common == 0 ? 0 : memcmp(base! + aStart, base! + bStart, common)
                    return order != 0 ? order < 0 : aCount < bCount
                }
            }
        }
    }
}
