#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of a file descriptor, read a chunk at a time, each at most `maximumLength` bytes: a
/// longer line (or an endless stream without line breaks, such as /dev/zero) is reported by its
/// number and skipped up to the next line break, so memory stays bounded whatever comes in.
public struct ByteLines {
    public enum Item {
        /// A line without its `\n` (a `\r` before it is kept); valid only during the call.
        case line(number: Int, bytes: UnsafeRawBufferPointer)
        /// A line longer than the limit, skipped.
        case tooLong(number: Int)
    }

    public static let defaultMaximumLength = 64 << 20

    let descriptor: Int32
    let maximumLength: Int

    public init(descriptor: Int32, maximumLength: Int = ByteLines.defaultMaximumLength) {
        self.descriptor = descriptor
        self.maximumLength = max(1, maximumLength)
    }

    /// Calls `body` with every line in order, the last one even without a final `\n`.
    /// Returns the `errno` of a failed read (after the lines before it), else nil.
    public func forEach(_ body: (Item) throws -> Void) rethrows -> Int32? {
        let chunk = 1 << 20
        // Holds the unfinished line and room for the next chunk; grows only while a line grows.
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var start = 0
        var end = 0
        var number = 1
        var skipping = false  // inside a line already reported as too long
        while true {
            // Every complete line in the buffer.
            while start < end, let found = memchr(buffer.baseAddress! + start, 0x0A, end - start) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(buffer.baseAddress!)
                if newline - start > maximumLength, !skipping {
                    try body(.tooLong(number: number))
                } else if !skipping {
                    try body(.line(number: number, bytes: UnsafeRawBufferPointer(rebasing: buffer[start..<newline])))
                }
                skipping = false
                number += 1
                start = newline + 1
            }
            if skipping {
                start = end
            } else if end - start > maximumLength {
                try body(.tooLong(number: number))
                skipping = true
                start = end
            }
            // Keep the unfinished line at the front, and make room for a chunk after it.
            if start > 0 {
                if end > start { (buffer.baseAddress! + 0).copyMemory(from: buffer.baseAddress! + start, byteCount: end - start) }
                end -= start
                start = 0
            }
            if buffer.count - end < chunk {
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(buffer.count * 2, end + chunk), alignment: 16)
                if end > 0 { larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end) }
                buffer.deallocate()
                buffer = larger
            }
            let count = read(descriptor, buffer.baseAddress! + end, min(chunk, buffer.count - end))
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if count == 0 {
                if end > start, !skipping {
                    try body(.line(number: number, bytes: UnsafeRawBufferPointer(rebasing: buffer[start..<end])))
                }
                return nil
            }
            end += count
        }
    }
}
