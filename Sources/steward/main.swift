import ArgumentParser
import Foundation

// docs/report-contract.md ("Exit status") fixes the exit codes: 0 success, 1 could not
// finish, 2 usage error, 3 unreadable input. ArgumentParser reports usage errors as 64 (EX_USAGE), so they are
// mapped to 2 here; everything else keeps the code the command chose.
do {
    var command = try Steward.parseAsRoot()
    try command.run()
} catch {
    let code = Steward.exitCode(for: error)
    if code == .validationFailure {
        FileHandle.standardError.write(Data((Steward.fullMessage(for: error) + "\n").utf8))
        FileHandle.standardError.write(Data("Run 'steward help' for usage.\n".utf8))
        exit(2)
    }
    Steward.exit(withError: error)
}
