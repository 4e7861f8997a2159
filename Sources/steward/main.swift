import ArgumentParser
import Foundation
import Reports
import StewardPipeline

// Exit codes (listed in `steward --help`, the README and docs/report-contract.md): 0 success, 1 failure, 2 usage error,
// 3 nothing could be read, 4 a given path could not be read. The code comes from the error's
// type: a StewardError carries its own; ArgumentParser reports usage errors as 64 (EX_USAGE),
// mapped to 2 here. A specific message is printed alone, without the generic usage block.
AllocatorTuning.apply()
do {
    var command = try Steward.parseAsRoot()
    try command.run()
} catch let error as StewardError {
    FileHandle.standardError.write(Data("steward: \(TerminalText.sanitize(ErrorMessages.text(error, t)))\n".utf8))
    exit(error.exitCode)
} catch {
    let code = Steward.exitCode(for: error)
    if code == .validationFailure {
        let subcommand = CommandLine.arguments.dropFirst().first { name in
            Steward.configuration.subcommands.contains { $0._commandName == name }
        }
        FileHandle.standardError.write(Data("steward: \(TerminalText.sanitize(Steward.message(for: error)))\n".utf8))
        FileHandle.standardError.write(Data((t("error.see_help", ["command": "steward \(subcommand.map { $0 + " " } ?? "")--help"]) + "\n").utf8))
        exit(2)
    }
    Steward.exit(withError: error)
}
