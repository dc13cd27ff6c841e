import Foundation
import TupuKit

/// Every document id the process has met, each held once and known by its number. An entity of
/// a large corpus names tens of thousands of documents: as numbers, a reference costs 4 bytes
/// where a `String` costs 16, and a set of documents is a set of numbers.
///
/// Ids are kept in pages that never move: a number, once handed out (under the lock), names its
/// id for good, so reading one needs no lock. The table only grows; a process meets each document
/// id once however many graphs name it.
package final class DocumentIDs: @unchecked Sendable {
    package static let shared = DocumentIDs()

    private static let pageBits = 16
    private static let pageSize = 1 << pageBits
    private static let pageCount = 1 << (32 - pageBits)

    private let lock = NSLock()
    private let pages: UnsafeMutablePointer<UnsafeMutablePointer<String>?>
    private var index = HashSlots()
    private var count = 0

    private init() {
        pages = .allocate(capacity: Self.pageCount)
        pages.initialize(repeating: nil, count: Self.pageCount)
    }

    /// The id numbered `number` (which this table handed out).
    @inline(__always)
    package func id(_ number: UInt32) -> String {
        pages[Int(number) >> Self.pageBits].unsafelyUnwrapped[Int(number) & (Self.pageSize - 1)]
    }

    /// The number of `id`, given it now if it has none.
    package func number(of id: String) -> UInt32 {
        let hash = id.byteHash
        lock.lock()
        defer { lock.unlock() }
        let found = index.findOrInsert(hash: hash, position: count) { self.id(UInt32($0)).sameBytes(as: id) }
        if found == count {
            precondition(count < UInt32.max, "more than 2^32 document ids")
            let page = count >> Self.pageBits
            if pages[page] == nil { pages[page] = .allocate(capacity: Self.pageSize) }
            (pages[page].unsafelyUnwrapped + (count & (Self.pageSize - 1))).initialize(to: id)
            count += 1
        }
        return UInt32(found)
    }

    /// Whether `a`'s id comes before `b`'s in UTF-8 byte order (the order of `Entity.docs`).
    @inline(__always)
    func precedes(_ a: UInt32, _ b: UInt32) -> Bool { id(a).precedesByUTF8(id(b)) }
}

/// The documents that mention an entity: distinct, sorted by the ids' UTF-8 bytes, held as
/// numbers of `DocumentIDs`. A collection of the ids themselves for every reader.
public struct DocumentList: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The ids' numbers, in the ids' order.
    package private(set) var numbers: [UInt32] = []

    public init() {}

    /// The ids given, sorted and without duplicates.
    public init<Ids: Sequence>(_ ids: Ids) where Ids.Element == String {
        let table = DocumentIDs.shared
        var numbers = ids.map(table.number)
        if numbers.count > 1 {
            numbers.sort(by: table.precedes)
            var kept = 1
            for i in 1..<numbers.count where numbers[i] != numbers[kept - 1] {
                numbers[kept] = numbers[i]
                kept += 1
            }
            numbers.removeLast(numbers.count - kept)
        }
        self.numbers = numbers
    }

    public init(arrayLiteral ids: String...) { self.init(ids) }

    /// Documents by number, as a graph file lists them (sorted and distinct; else sorted here).
    package init(numbers: [UInt32]) {
        let table = DocumentIDs.shared
        if zip(numbers, numbers.dropFirst()).allSatisfy({ table.precedes($0, $1) }) {
            self.init()
            self.numbers = numbers
        } else {
            self.init(numbers.map(table.id))
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { numbers.count }
    public subscript(position: Int) -> String { DocumentIDs.shared.id(numbers[position]) }

    public var description: String { Array(self).description }

    /// Adds a document, keeping the order: documents mostly arrive in order, so it mostly goes last.
    package mutating func insert(_ number: UInt32) {
        let table = DocumentIDs.shared
        guard let last = numbers.last, last != number else {
            if numbers.isEmpty { numbers.append(number) }
            return
        }
        if table.precedes(last, number) {
            numbers.append(number)
            return
        }
        var low = 0
        var high = numbers.count
        while low < high {
            let middle = (low + high) / 2
            if table.precedes(numbers[middle], number) { low = middle + 1 } else { high = middle }
        }
        if low < numbers.count && numbers[low] == number { return }
        numbers.insert(number, at: low)
    }

    /// Adds every document of `other`.
    package mutating func formUnion(_ other: DocumentList) {
        if numbers.isEmpty {
            numbers = other.numbers
            return
        }
        for number in other.numbers { insert(number) }
    }
}

/// Distinct documents counted by their numbers: a bit each, where a set of strings hashed every id.
package struct DocumentSet: Sendable {
    private var bits: [UInt64] = []
    package private(set) var count = 0

    package init() {}

    package mutating func insert(_ number: UInt32) {
        let word = Int(number >> 6)
        if word >= bits.count { bits.append(contentsOf: repeatElement(0, count: max(word + 1 - bits.count, bits.count))) }
        let bit = UInt64(1) << UInt64(number & 63)
        if bits[word] & bit == 0 {
            bits[word] |= bit
            count += 1
        }
    }

    package mutating func formUnion(_ other: DocumentSet) {
        if bits.count < other.bits.count { bits.append(contentsOf: repeatElement(0, count: other.bits.count - bits.count)) }
        count = 0
        for word in bits.indices {
            if word < other.bits.count { bits[word] |= other.bits[word] }
            count += bits[word].nonzeroBitCount
        }
    }

    package mutating func formUnion(_ documents: DocumentList) {
        for number in documents.numbers { insert(number) }
    }

    /// Adds a document named by its id (evidence names its document by id).
    package mutating func insert(id: String) { insert(DocumentIDs.shared.number(of: id)) }
}
