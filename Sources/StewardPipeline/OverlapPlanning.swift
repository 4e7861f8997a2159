import Importers
import Rules
import StewardCore
import Archives

/// Before a scan reads anything: identical inputs are set aside (read once) and the overlap
/// ledger is set up for the kinds of export the scan holds more than once (docs/duplicates.md).
enum OverlapPlanning {
    struct Plan {
        var tasks: [ReadTask]
        var copies: [OverlapSummary.IdenticalFile]
        var ledger: OverlapLedger
    }

    static func plan(_ planned: [ReadTask], options: ScanOptions, reader: ExportReader,
                     excludes: (String) -> Bool) -> Plan {
        // The copy read is the one under the earliest path argument, then the smallest path; a
        // what-if keeps a copy it does not exclude, so leaving one copy out still counts the other.
        func preference(_ path: String) -> (Int, Int, String) {
            let argument = options.paths.firstIndex { path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + "!") }
            return (excludes(path) ? 1 : 0, argument ?? options.paths.count, path)
        }
        let identical = IdenticalInputFinder(reader: reader).removeCopies(from: planned, jobs: options.jobs) { a, b in
            preference(a) < preference(b)
        }
        // Which importers will read what decides which records the gate must check; an archive
        // read in one pass may hold anything (nil).
        var inputs: [OverlapInput] = []
        for (task, sniffed) in zip(identical.tasks, reader.sniff(identical.tasks, jobs: options.jobs)) {
            switch sniffed {
            case .source(let id, let part): inputs.append(OverlapInput(source: id, path: task.displayPath, part: part))
            case .archive: inputs.append(OverlapInput(source: nil, path: task.displayPath))
            case .nothing: break
            }
        }
        return Plan(tasks: identical.tasks,
                    copies: identical.copies.map { .init(path: $0.path, copyOf: $0.copyOf) },
                    ledger: OverlapLedger(gate: OverlapGate(inputs: inputs), inputs: inputs))
    }
}
