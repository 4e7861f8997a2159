import ArgumentParser
import StewardPipeline

/// `steward completions bash|zsh|fish`: the shell completion script, on standard output.
struct Completions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            Examples:
              steward completions bash > ~/.local/share/bash-completion/completions/steward
              steward completions zsh > ~/.zfunc/_steward     # with fpath+=~/.zfunc in ~/.zshrc
              steward completions fish > ~/.config/fish/completions/steward.fish
            """)

    @Argument(help: "bash, zsh or fish.")
    var shell: String

    func run() throws {
        guard let known = CompletionShell(rawValue: shell) else {
            throw StewardError.usage("no completions for shell '\(shell)' (available: bash, zsh, fish)")
        }
        print(Steward.completionScript(for: known))
    }
}
