import Foundation
import XCTest

/// Runs the built `steward` binary the way a person would, for end-to-end tests.
enum StewardProcess {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let rulesDirectory = packageRoot.appendingPathComponent("rules").path

    /// `steward` sits beside the test bundle in the build products folder.
    static var binary: String {
        let products = Bundle.main.bundleURL
        let candidates = [products.appendingPathComponent("steward").path,
                          products.deletingLastPathComponent().appendingPathComponent("steward").path,
                          packageRoot.appendingPathComponent(".build/debug/steward").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Another executable of the package (`steward-eval`), found the same way.
    static func binary(named name: String) -> String {
        URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Runs steward (or `executable`) with `arguments`; `home` isolates its data directory.
    static func run(_ arguments: [String], home: String, extraEnvironment: [String: String] = [:],
                    currentDirectory: String? = nil, executable: String = binary) throws -> Result {
        let process = Process()
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home
        env["XDG_DATA_HOME"] = home + "/data"
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "STEWARD_RULES")
        // English unless a test asks for a language: the tester's own locale must not change
        // what steward prints (docs/i18n.md, "How the language is chosen").
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] { env.removeValue(forKey: variable) }
        for (k, v) in extraEnvironment { env[k] = v }
        process.environment = env
        // stderr goes to a file and stdout to a pipe read to the end before waiting, so a large
        // report cannot fill a pipe and block the child.
        let errPath = NSTemporaryDirectory() + "/steward-stderr-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func makeTemporaryDirectory(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "/steward-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(object as? [String: Any], "report is not a JSON object", file: file, line: line)
    }
}
