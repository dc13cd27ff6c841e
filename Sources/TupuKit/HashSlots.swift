/// Positions in the caller's own arrays, found by a 64-bit hash: an open-addressed table of
/// one word per slot (32 bits of the hash, 32 of the position), probed linearly and never more
/// than half full. The table keeps no keys: `matches(position)` compares the caller's element,
/// and is asked only when the stored 32 bits of the hash agree, so a probe costs one cache line
/// and rarely a comparison. The hash's high 32 bits pick the slot: callers mix their hash well.
public struct HashSlots: Sendable {
    /// `tag << 32 | position` per slot; `empty` is free (positions stay below `UInt32.max`).
    @usableFromInline var slots: [UInt64]
    @usableFromInline var used = 0
    @usableFromInline static let empty = UInt64.max

    public init(minimumCapacity: Int = 0) {
        var size = 16
        while size < 2 * minimumCapacity { size *= 2 }
        slots = [UInt64](repeating: Self.empty, count: size)
    }

    /// How many positions the table holds.
    public var count: Int { used }

    @inlinable @inline(__always)
    static func tag(_ hash: UInt64) -> UInt64 { hash >> 32 }

    /// The position whose element `matches` accepts among those stored under `hash`, or nil.
    @inlinable @inline(__always)
    public func find(hash: UInt64, matches: (Int) -> Bool) -> Int? {
        let tag = Self.tag(hash)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: tag) & mask
            while true {
                let entry = slots[slot]
                if entry == Self.empty { return nil }
                if entry >> 32 == tag, matches(Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)) {
                    return Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The position `matches` accepts, or `position`, recorded under `hash` as new.
    @inlinable @inline(__always)
    public mutating func findOrInsert(hash: UInt64, position: Int, matches: (Int) -> Bool) -> Int {
        store(hash: hash, position: position, replacing: false, matches: matches) ?? position
    }

    /// Records `position` under `hash` in place of the one `matches` accepts, and returns that
    /// one; nil when there was none (`position` is then recorded as new).
    @inlinable @inline(__always)
    @discardableResult
    public mutating func replace(hash: UInt64, with position: Int, matches: (Int) -> Bool) -> Int? {
        store(hash: hash, position: position, replacing: true, matches: matches)
    }

    @inlinable @inline(__always)
    mutating func store(hash: UInt64, position: Int, replacing: Bool, matches: (Int) -> Bool) -> Int? {
        precondition(position >= 0 && position < Int(UInt32.max), "position out of the table's range")
        if 2 * (used + 1) > slots.count { grow(to: used + 1) }
        let tag = Self.tag(hash)
        let entry = tag << 32 | UInt64(position)
        let found: Int? = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: tag) & mask
            while true {
                let stored = slots[slot]
                if stored == Self.empty {
                    slots[slot] = entry
                    return nil
                }
                if stored >> 32 == tag, matches(Int(truncatingIfNeeded: stored & 0xFFFF_FFFF)) {
                    if replacing { slots[slot] = entry }
                    return Int(truncatingIfNeeded: stored & 0xFFFF_FFFF)
                }
                slot = (slot + 1) & mask
            }
        }
        if found == nil { used += 1 }
        return found
    }

    /// Room for `minimum` positions without growing.
    public mutating func reserveCapacity(_ minimum: Int) {
        if 2 * minimum > slots.count { grow(to: minimum) }
    }

    /// Forgets every position, keeping the room.
    public mutating func removeAll() {
        for i in slots.indices { slots[i] = Self.empty }
        used = 0
    }

    @usableFromInline
    mutating func grow(to minimum: Int) {
        var size = slots.count
        while size < 2 * minimum { size *= 2 }
        let old = slots
        slots = [UInt64](repeating: Self.empty, count: size)
        let mask = size - 1
        for entry in old where entry != Self.empty {
            var slot = Int(truncatingIfNeeded: entry >> 32) & mask
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
