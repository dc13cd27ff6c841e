/// The text as the recogniser sees it: words the page layout broke across paragraphs are joined
/// again, and characters are folded one to one (full-width ASCII → ASCII, the dot variants
/// •・‧∙⋅ → ·, ideographic space → space). Chinese quotes “”‘’「」 are kept as they are.
///
/// A document in Traditional script is read through Simplified characters as well (縣 → 县),
/// one scalar for one, so the offsets stay those of the text as read.
///
/// Every view scalar comes from exactly one scalar of the original text; only the breaks between
/// joined paragraphs are dropped, so the mapping back is a short list of contiguous segments.
public struct TextView: Sendable {
    public let scalars: [Unicode.Scalar]
    /// The text as read: what evidence quotes, whatever the view folded.
    public let original: [Unicode.Scalar]
    /// Whether the view reads a Traditional-script text through Simplified characters.
    public let isSimplified: Bool
    /// View index where each contiguous segment starts, ascending; the first is 0.
    let segmentViewStart: [Int]
    /// Original offset (code points) of each segment's first scalar.
    let segmentOriginalStart: [Int]
    /// Number of scalars in the original text.
    let originalCount: Int

    init(
        scalars: [Unicode.Scalar], original: [Unicode.Scalar], isSimplified: Bool,
        segmentViewStart: [Int], segmentOriginalStart: [Int], originalCount: Int
    ) {
        self.scalars = scalars
        self.original = original
        self.isSimplified = isSimplified
        self.segmentViewStart = segmentViewStart
        self.segmentOriginalStart = segmentOriginalStart
        self.originalCount = originalCount
    }

    /// Code-point offset in `Document.text` of view index `viewIndex`; `scalars.count` maps to the
    /// end of the text.
    public func originalOffset(_ viewIndex: Int) -> Int {
        if viewIndex >= scalars.count { return originalCount }
        // Last segment starting at or before viewIndex (binary search: segments are few).
        var low = 0
        var high = segmentViewStart.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segmentViewStart[middle] <= viewIndex { low = middle } else { high = middle - 1 }
        }
        return segmentOriginalStart[low] + (viewIndex - segmentViewStart[low])
    }

    public func string(_ range: Range<Int>) -> String {
        String(scalars: scalars[range.clamped(to: 0..<scalars.count)])
    }

    /// The text as read behind a view range when the view reads it otherwise (ＡＢ驿站 read as
    /// AB驿站, 常山縣 as 常山县); nil when they agree, as for nearly every name.
    public func originalStringIfDifferent(_ range: Range<Int>) -> String? {
        let range = range.clamped(to: 0..<scalars.count)
        guard !range.isEmpty else { return nil }
        let start = originalOffset(range.lowerBound)
        // Within one segment the view is the text, scalar for scalar, wherever it was not folded.
        if originalOffset(range.upperBound - 1) == start + range.count - 1 {
            var same = true
            for i in 0..<range.count where scalars[range.lowerBound + i] != original[start + i] {
                same = false
                break
            }
            if same { return nil }
        }
        return originalString(range)
    }

    /// The text as read behind a view range: its own punctuation and script, the breaks between
    /// joined paragraphs left out as the view leaves them out.
    public func originalString(_ range: Range<Int>) -> String {
        var count = 0
        forEachOriginalRun(range) { count += UTF8.count(of: $0) }
        return String(unsafeUninitializedCapacity: count) { bytes in
            var written = 0
            forEachOriginalRun(range) { written += UTF8.encode($0, into: UnsafeMutableBufferPointer(rebasing: bytes[written...])) }
            return written
        }
    }

    /// `originalString` of each range as UTF-8, one after another in one buffer, with where each
    /// lies in it: many texts in one allocation, without a string (and a validation of its bytes) each.
    /// One pass: the buffer has room for four bytes a scalar (the most UTF-8 takes), where
    /// counting the bytes first walked every scalar twice.
    public func originalUTF8(of ranges: [Range<Int>]) -> (bytes: [UInt8], ranges: [Range<Int>]) {
        var placed: [Range<Int>] = []
        placed.reserveCapacity(ranges.count)
        let room = ranges.reduce(0) { $0 + $1.clamped(to: 0..<scalars.count).count } * 4
        let bytes = [UInt8](unsafeUninitializedCapacity: room) { bytes, initialized in
            for range in ranges {
                let start = initialized
                forEachOriginalRun(range) { initialized += UTF8.encode($0, into: UnsafeMutableBufferPointer(rebasing: bytes[initialized...])) }
                placed.append(start..<initialized)
            }
        }
        return (bytes, placed)
    }

    /// The runs of original scalars behind a view range, in order: one, unless the range spans a
    /// joined paragraph break.
    private func forEachOriginalRun(_ range: Range<Int>, _ body: (UnsafeBufferPointer<Unicode.Scalar>) -> Void) {
        let range = range.clamped(to: 0..<scalars.count)
        guard !range.isEmpty else { return }
        var low = 0
        var high = segmentViewStart.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segmentViewStart[middle] <= range.lowerBound { low = middle } else { high = middle - 1 }
        }
        let lastSegment = segmentViewStart.count - 1
        original.withUnsafeBufferPointer { original in
            var segment = low
            var viewIndex = range.lowerBound
            while viewIndex < range.upperBound {
                let segmentEnd = segment < lastSegment ? min(segmentViewStart[segment + 1], range.upperBound) : range.upperBound
                let start = segmentOriginalStart[segment] + (viewIndex - segmentViewStart[segment])
                body(UnsafeBufferPointer(rebasing: original[start..<(start + segmentEnd - viewIndex)]))
                viewIndex = segmentEnd
                segment += 1
            }
        }
    }

    /// The scalars, folded: a plain loop over buffers, several times cheaper than `map`.
    static func folded(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        scalars.withUnsafeBufferPointer { scalars in
            [Unicode.Scalar](unsafeUninitializedCapacity: scalars.count) { folded, initialized in
                for i in 0..<scalars.count { folded.initializeElement(at: i, to: fold(scalars[i])) }
                initialized = scalars.count
            }
        }
    }

    /// The text's scalars, decoded from its UTF-8 by the reader's decoder (a `String`'s bytes are
    /// well-formed, so it never refuses them).
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { TextDecoding.scalars(validatingUTF8: $0)! }
    }

    /// Bytes of the form 10xxxxxx, eight at a time: a continuation byte has bit 7 set and bit 6 clear.
    static func continuationBytes(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        var count = 0
        var i = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // One bit per continuation byte at the bottom of its lane; the multiply sums the lanes
                // (a popcount instruction is not in the baseline x86-64 the build targets).
                let lanes = (word & high & ~(word << 1)) >> 7
                count += Int(truncatingIfNeeded: (lanes &* 0x0101_0101_0101_0101) >> 56)
                i += 8
            }
        }
        while i < bytes.count {
            if bytes[i] & 0xC0 == 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// The 1:1 folding applied to every scalar of the view.
    @inline(__always)
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        // Most text (ASCII, CJK) folds to itself: every folded scalar lies in 0x2022...0x33FF or from 0xFF01.
        if value < 0x2022 || (value >= 0x3400 && value < 0xFF01) { return scalar }
        switch value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(value - 0xFEE0)!
        case 0x3000: return " "
        case 0x2022, 0x30FB, 0x2027, 0x2219, 0x22C5, 0xFF65: return "\u{B7}"
        default: return scalar
        }
    }
}

extension String {
    /// The string of these scalars, encoded straight into its UTF-8 storage: appending to a
    /// `UnicodeScalarView` one scalar at a time costs several times more, and mention and
    /// sentence texts are made for every name and every piece of evidence. Concrete rather than
    /// generic: a generic collection crossing a module boundary is walked through witness tables.
    public init(scalars: UnsafeBufferPointer<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: UTF8.count(of: scalars)) { UTF8.encode(scalars, into: $0) }
    }

    public init(scalars: ArraySlice<Unicode.Scalar>) {
        self = scalars.withUnsafeBufferPointer(String.init(scalars:))
    }

    public init(scalars: [Unicode.Scalar]) {
        self = scalars.withUnsafeBufferPointer(String.init(scalars:))
    }
}

extension UTF8 {
    /// The UTF-8 length of the scalars.
    @inline(__always)
    static func count(of scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Int {
        // Without branches, so that the loop is vectorised: a byte, and one more past each width's limit.
        var byteCount = scalars.count
        for scalar in scalars {
            let v = scalar.value
            byteCount &+= (v >= 0x80 ? 1 : 0) &+ (v >= 0x800 ? 1 : 0) &+ (v >= 0x1_0000 ? 1 : 0)
        }
        return byteCount
    }

    /// Writes the scalars' UTF-8 into `bytes` (which has room: `count(of:)`); the bytes written.
    /// A plain loop over buffers: appending to a `UnicodeScalarView` one scalar at a time costs
    /// several times more.
    @inline(__always)
    static func encode(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, into bytes: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = 0
        for scalar in scalars {
            let v = scalar.value
            // Chinese first: three bytes.
            if v >= 0x800 && v < 0x1_0000 {
                bytes[i] = UInt8(0xE0 | v >> 12)
                bytes[i + 1] = UInt8(0x80 | v >> 6 & 0x3F)
                bytes[i + 2] = UInt8(0x80 | v & 0x3F)
                i += 3
                continue
            }
            switch v {
            case ..<0x80:
                bytes[i] = UInt8(v)
                i += 1
            case ..<0x800:
                bytes[i] = UInt8(0xC0 | v >> 6)
                bytes[i + 1] = UInt8(0x80 | v & 0x3F)
                i += 2
            default:
                bytes[i] = UInt8(0xF0 | v >> 18)
                bytes[i + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                bytes[i + 2] = UInt8(0x80 | v >> 6 & 0x3F)
                bytes[i + 3] = UInt8(0x80 | v & 0x3F)
                i += 4
            }
        }
        return i
    }
}
