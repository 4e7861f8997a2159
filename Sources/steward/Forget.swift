import ArgumentParser
import Foundation
import StewardPipeline

struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete steward's database, its stored reports and the demo's exports.",
        discussion: """
            Lists what it will remove and asks first when standard input is a terminal; in a \
            script pass --yes (without it, and without a terminal to ask, nothing is removed and \
            the exit status is 2). --dry-run only lists. Reports you wrote with --out elsewhere are \
            removed only with --include-out-files, and only while each is still the file steward \
            wrote (same device, inode, size and SHA-256); one changed since, replaced by a folder \
            or a symbolic link is listed as kept. Only regular files are removed, never through a \
            symbolic link. Your export files are never touched.

            Examples:
              steward forget --dry-run
              steward forget --yes --include-out-files
            """)

    @Option(name: .long, help: "Also delete this database (one you passed to --db).")
    var db: String?

    @Flag(name: .long, help: "Also delete the reports written with --out (each listed with where it is).")
    var includeOutFiles = false

    @Flag(name: .long, help: "Only list what would be removed and kept.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Remove without asking (needed when standard input is not a terminal).")
    var yes = false

    @OptionGroup var language: LanguageOption

    func run() throws {
        let data = dataDirectory()
        let plan = ForgetPlan(dataDirectory: data, extraDatabase: db, includeOutFiles: includeOutFiles)
        if plan.items.isEmpty {
            print(t("forget.nothing", ["folder": data]))
            return
        }
        let removals = plan.removals
        if !removals.isEmpty {
            print(dryRun ? t("forget.would_remove") : t("forget.will_remove"))
            for item in removals { print("  \(Explain.printable(item.path))  (\(t("forget.kind.\(item.kind.rawValue)")))") }
        }
        if !plan.kept.isEmpty {
            print(removals.isEmpty ? t("forget.keeps") : t("forget.and_keep"))
            for item in plan.kept {
                print("  \(Explain.printable(item.path))  (\(t("forget.kind.\(item.kind.rawValue)")); \(item.keptBecause ?? ""))")
            }
        }
        if dryRun || removals.isEmpty { return }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw StewardError.usage(t("forget.no_terminal"))
            }
            FileHandle.standardError.write(Data((t.plural("forget.ask", removals.count) + " ").utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            // "y" and "yes" always count, so a script written for English works in every language.
            let yesWords = Set(["y", "yes"] + t("forget.yes_words").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            guard yesWords.contains(answer) else {
                print(t("forget.nothing_removed"))
                return
            }
        }
        let result = plan.execute()
        for path in result.removed { print(t("forget.removed", ["path": Explain.printable(path)])) }
        for failure in result.failed {
            FileHandle.standardError.write(Data("steward: \(Explain.printable(failure.path)): \(t("forget.not_removed", ["why": failure.reason]))\n".utf8))
        }
        if !result.failed.isEmpty { throw ExitCode(1) }
    }
}
