import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Archives

/// Writes a copy of a ZIP archive member by member: each member is extracted to a private
/// scratch folder, edited when `edits` asks for it, and added to the new archive with its
/// path, date and permissions (compressed with deflate when it was compressed). The source is
/// only opened for reading; the copy is created 0600.
public enum ZipRewriter {
    /// `edits(memberDisplayPath, extractedFile)`: the edits for one member (empty: unchanged).
    public static func rewrite(_ source: String, displayPath: String, to destination: String, scratch: String,
                               edits: (String, String) throws -> [ByteEdit]) throws {
        let input: Archive
        do {
            input = try Archive(url: URL(fileURLWithPath: source), accessMode: .read)
        } catch {
            throw RedactionError.cannotRead(displayPath, "not a ZIP archive steward can list")
        }
        // An empty archive (its end record only), created 0600 before ZIPFoundation opens it.
        let emptyArchive: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RedactionError.cannotWrite(destination, String(cString: strerror(errno))) }
        let written = emptyArchive.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fchmod(fd, 0o600)
        close(fd)
        guard written == emptyArchive.count else { throw RedactionError.cannotWrite(destination, "short write") }
        let output: Archive
        do {
            output = try Archive(url: URL(fileURLWithPath: destination), accessMode: .update)
        } catch {
            throw RedactionError.cannotWrite(destination, "\(error)")
        }
        var counter = 0
        for entry in input {
            let modified = entry.fileAttributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
            let permissions = (entry.fileAttributes[.posixPermissions] as? NSNumber)?.uint16Value
            switch entry.type {
            case .directory:
                try output.addEntry(with: entry.path, type: .directory, uncompressedSize: Int64(0), modificationDate: modified,
                                    permissions: permissions) { _, _ in Data() }
                continue
            case .symlink:
                // Not copied: steward reads no link members either.
                continue
            case .file:
                break
            }
            counter += 1
            let extracted = scratch + "/member-\(counter)"
            let edited = scratch + "/member-\(counter)-edited"
            defer {
                unlink(extracted)
                unlink(edited)
            }
            let fd = open(extracted, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw RedactionError.cannotWrite(extracted, String(cString: strerror(errno))) }
            do {
                _ = try input.extract(entry) { data in
                    data.withUnsafeBytes { raw in
                        var done = 0
                        while done < raw.count {
                            let n = write(fd, raw.baseAddress! + done, raw.count - done)
                            if n <= 0 { break }
                            done += n
                        }
                    }
                }
            } catch {
                close(fd)
                throw RedactionError.cannotRead(displayPath + "!" + ZipArchiveReader.displayName(entry.path), "\(error)")
            }
            close(fd)
            let memberEdits = try edits(displayPath + "!" + ZipArchiveReader.displayName(entry.path), extracted)
            var file = extracted
            if !memberEdits.isEmpty {
                try ByteEdits.copy(extracted, to: edited, edits: memberEdits)
                file = edited
            }
            var info = stat()
            stat(file, &info)
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            let method: CompressionMethod = entry.isCompressed ? .deflate : .none
            try output.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(info.st_size), modificationDate: modified,
                                permissions: permissions, compressionMethod: method) { position, size in
                try handle.seek(toOffset: UInt64(position))
                return handle.readData(ofLength: size)
            }
        }
    }
}
