import Foundation

/// Reads a ZIP archive's central directory and every member's local header itself, before any
/// member is inflated, and says which members must not be read (PKWARE APPNOTE 4.3):
///
/// - members whose data overlaps another member's (several directory entries pointing into the
///   same bytes: the overlapping-entries zip bomb, which makes a small archive inflate without
///   end and a scan read the same block many times);
/// - members whose sizes in the central directory disagree with their local header (a crafted
///   or damaged archive: one of the two lies about how much will be inflated);
/// - members whose local header is missing or whose data runs past the end of the file
///   (a truncated archive).
///
/// ZIPFoundation stops listing at the first member whose local header it cannot read, which
/// would leave the rest of a damaged archive unread without a word; `count` lets the reader
/// say how many members the directory lists.
public struct ZipDirectorySurvey: Sendable {
    public enum Problem: Sendable, Equatable {
        /// The member's data overlaps member `other` (by directory index).
        case overlaps(other: Int)
        case sizesDisagree(central: String, local: String)
        case localHeaderMissing
        case truncated
        case encrypted

        public var description: String {
            switch self {
            case .overlaps: return "its data overlaps another member's (a zip-bomb technique): not read"
            case .sizesDisagree(let central, let local):
                return "its sizes in the central directory (\(central)) disagree with its local header (\(local)): not read"
            case .localHeaderMissing: return "its local header is missing or damaged: not read"
            case .truncated: return "its data runs past the end of the members (truncated archive): not read"
            case .encrypted: return "encrypted member: steward does not read encrypted members"
            }
        }
    }

    /// Directory entries read (in central-directory order, directories included).
    public var count = 0
    /// How many the end record says there are.
    public var declaredCount: Int64 = 0
    /// Members not to read, by directory index, with their names as stored (left empty for
    /// overlapping members, which are many in a bomb and reported once per archive).
    public var problems: [Int: (name: String, problem: Problem)] = [:]
    /// Why the central directory itself could not be read fully (nil when it could).
    public var damage: String?

    /// Surveys an archive of `size` bytes; `read(offset, count)` returns up to `count` bytes
    /// at `offset` (fewer at the end of the file). Stops at `maxEntries`.
    public static func survey(size: Int64, maxEntries: Int, read: (Int64, Int) -> [UInt8]) -> ZipDirectorySurvey {
        var survey = ZipDirectorySurvey()
        // The end record is in the last 22 + 65,535 (comment) bytes.
        let tailLength = Int(min(size, 22 + 0xFFFF))
        let tail = read(size - Int64(tailLength), tailLength)
        guard tail.count >= 22, let eocd = (0...(tail.count - 22)).reversed().first(where: { u32(tail, $0) == 0x0605_4B50 }) else {
            survey.damage = "no end of central directory record (truncated archive?)"
            return survey
        }
        let eocdOffset = size - Int64(tailLength) + Int64(eocd)
        var count = Int64(u16(tail, eocd + 10))
        var directorySize = Int64(u32(tail, eocd + 12))
        var directoryOffset = Int64(u32(tail, eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: the locator just before the end record points at the zip64 end record.
            let locator = read(eocdOffset - 20, 20)
            guard eocdOffset >= 20, locator.count == 20, u32(locator, 0) == 0x0706_4B50 else {
                survey.damage = "zip64 end of central directory locator missing or damaged"
                return survey
            }
            let recordOffset = Int64(bitPattern: u64(locator, 8))
            let record = recordOffset >= 0 && recordOffset < size ? read(recordOffset, 56) : []
            guard record.count == 56, u32(record, 0) == 0x0606_4B50 else {
                survey.damage = "zip64 end of central directory record missing or outside the file"
                return survey
            }
            count = Int64(bitPattern: u64(record, 32))
            directorySize = Int64(bitPattern: u64(record, 40))
            directoryOffset = Int64(bitPattern: u64(record, 48))
        }
        survey.declaredCount = count
        guard directoryOffset >= 0, directorySize >= 0, count >= 0,
              directoryOffset <= size, directorySize <= size - directoryOffset else {
            survey.damage = "central directory lies outside the file (truncated or damaged archive)"
            return survey
        }
        // Read the directory in pieces so a huge one is not held twice.
        var ranges: [(start: Int64, end: Int64, index: Int)] = []
        var at = directoryOffset
        let end = directoryOffset + directorySize
        var buffer: [UInt8] = []
        var bufferStart = directoryOffset
        func bytes(_ offset: Int64, _ count: Int) -> [UInt8]? {
            if offset < bufferStart || offset + Int64(count) > bufferStart + Int64(buffer.count) {
                bufferStart = offset
                buffer = read(offset, max(count, 1 << 20))
            }
            let from = Int(offset - bufferStart)
            guard from + count <= buffer.count else { return nil }
            return Array(buffer[from..<(from + count)])
        }
        var index = 0
        while Int64(index) < count && index < maxEntries {
            guard at + 46 <= end, let fixed = bytes(at, 46), u32(fixed, 0) == 0x0201_4B50 else {
                survey.damage = "central directory entry \(index + 1) of \(count) is damaged (truncated central directory?)"
                break
            }
            let flags = u16(fixed, 8)
            var compressed = Int64(u32(fixed, 20))
            var inflated = Int64(u32(fixed, 24))
            let nameLength = Int(u16(fixed, 28)), extraLength = Int(u16(fixed, 30)), commentLength = Int(u16(fixed, 32))
            var localOffset = Int64(u32(fixed, 42))
            guard at + 46 + Int64(nameLength + extraLength + commentLength) <= end,
                  let variable = bytes(at + 46, nameLength + extraLength) else {
                survey.damage = "central directory entry \(index + 1) of \(count) is damaged (truncated central directory?)"
                break
            }
            let name = String(decoding: variable[0..<nameLength], as: UTF8.self)
            // Zip64 extra field: 64-bit values for the 32-bit fields that hold 0xFFFFFFFF, in order.
            var zip64 = false
            var extra = Array(variable[nameLength...])
            while extra.count >= 4 {
                let id = u16(extra, 0), length = Int(u16(extra, 2))
                guard extra.count >= 4 + length else { break }
                if id == 0x0001 {
                    zip64 = true
                    var field = 4
                    for slot in 0..<3 where field + 8 <= 4 + length {
                        switch slot {
                        case 0 where inflated == 0xFFFF_FFFF: inflated = Int64(bitPattern: u64(extra, field)); field += 8
                        case 1 where compressed == 0xFFFF_FFFF: compressed = Int64(bitPattern: u64(extra, field)); field += 8
                        case 2 where localOffset == 0xFFFF_FFFF: localOffset = Int64(bitPattern: u64(extra, field)); field += 8
                        default: break
                        }
                    }
                }
                extra.removeFirst(4 + length)
            }
            var problem: Problem?
            if flags & 0x0001 != 0 && !name.hasSuffix("/") { problem = .encrypted }
            let local = localOffset >= 0 && localOffset + 30 <= size ? read(localOffset, 30) : []
            if problem != nil {
                // Reported as it is; its range is not needed.
            } else if local.count < 30 || u32(local, 0) != 0x0403_4B50 {
                problem = .localHeaderMissing
            } else {
                let dataStart = localOffset + 30 + Int64(u16(local, 26)) + Int64(u16(local, 28))
                let localCompressed = Int64(u32(local, 18)), localInflated = Int64(u32(local, 22))
                let deferred = u16(local, 6) & 0x0008 != 0   // sizes follow the data (data descriptor)
                if compressed < 0 || dataStart + compressed > min(directoryOffset, size) {
                    problem = .truncated
                } else if !deferred && !zip64 && localCompressed != 0xFFFF_FFFF
                            && (localCompressed != compressed || localInflated != inflated) {
                    problem = .sizesDisagree(central: "\(compressed) compressed, \(inflated) inflated",
                                                   local: "\(localCompressed) compressed, \(localInflated) inflated")
                } else {
                    ranges.append((localOffset, dataStart + compressed, index))
                }
            }
            if let problem { survey.problems[index] = (name, problem) }
            at += 46 + Int64(nameLength + extraLength + commentLength)
            index += 1
        }
        survey.count = index
        // A member whose bytes (local header and data) start inside an earlier member's is
        // refused; the member at the lowest offset is kept.
        ranges.sort { ($0.start, $0.index) < ($1.start, $1.index) }
        var reachedEnd: Int64 = -1
        var reachedBy = -1
        for range in ranges {
            if range.start < reachedEnd {
                survey.problems[range.index] = ("", .overlaps(other: reachedBy))
            } else if range.end > reachedEnd || reachedBy < 0 {
                reachedEnd = max(range.end, range.start + 1)
                reachedBy = range.index
            }
        }
        return survey
    }

    /// Surveys an archive on disk (read with pread, nothing mapped).
    public static func survey(fileDescriptor fd: Int32, size: Int64, maxEntries: Int) -> ZipDirectorySurvey {
        survey(size: size, maxEntries: maxEntries) { offset, count in
            guard offset >= 0, count > 0 else { return [] }
            var out = [UInt8](repeating: 0, count: count)
            var done = 0
            while done < count {
                let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            return Array(out.prefix(done))
        }
    }

    /// Surveys an archive held in memory.
    public static func survey(data: Data, maxEntries: Int) -> ZipDirectorySurvey {
        survey(size: Int64(data.count), maxEntries: maxEntries) { offset, count in
            guard offset >= 0, offset < Int64(data.count), count > 0 else { return [] }
            let from = data.startIndex + Int(offset)
            return Array(data[from..<min(data.endIndex, from + count)])
        }
    }
}

private func u16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) | UInt16(b[at + 1]) << 8 }
private func u32(_ b: [UInt8], _ at: Int) -> UInt32 { UInt32(u16(b, at)) | UInt32(u16(b, at + 2)) << 16 }
private func u64(_ b: [UInt8], _ at: Int) -> UInt64 { UInt64(u32(b, at)) | UInt64(u32(b, at + 4)) << 32 }
