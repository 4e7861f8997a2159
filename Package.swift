// swift-tools-version:6.0
// steward: see README.md. Library-first: every module below is testable without a process;
// the `steward` executable only parses arguments and wires modules together.
import PackageDescription

// The modules every record passes through drop the run-time exclusivity checks in release
// builds: each write to a class's stored array (the matcher's scratch lists, a parser sink's
// buffers) paid a begin/end-access pair, 7 % of a chat export's CPU (docs/performance.md,
// "Exclusivity checks"). Debug builds, and so `make test`, keep them, and so does the fuzz
// build, which is a release build whose point is catching such faults.
//
// Debug builds compile the same modules optimised (exclusivity checks and testability stay):
// unoptimised, loading the rule set took 3 s, 85 % of it in the lexicon automaton, folding and
// the spelling index, and the tests load and scan it hundreds of times (docs/architecture.md,
// "Tests and build settings").
let hotPathSettings: [SwiftSetting] = (Context.environment["STEWARD_FUZZ"] == "1" ? [] : [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]) + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "steward",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "steward", targets: ["steward"]),
        .library(name: "StewardPipeline", targets: ["StewardPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Event, Locator, Finding, Evidence, Attribute, Score, report contract, errors.
        .target(name: "StewardCore", swiftSettings: hotPathSettings),
        // Byte sources and containers: files on disk, ZIP (directory survey, member reads with
        // zip-bomb limits), tar and gzip streams, folder walking, the scan's byte budget.
        .target(name: "Archives", dependencies: [
            "CSystemZlib",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: hotPathSettings),
        // One pure streaming reader per format, knowing nothing of importers: JSON (array
        // splitter, value parser), CSV, XML/HTML (one markup tokenizer), text decodings, lines,
        // XLSX sheets, immutable SQLite inputs (docs/architecture.md).
        // Formats read what Archives deliver (an XLSX workbook is a ZIP, a SQLite input a file on disk).
        .target(name: "Formats", dependencies: [
            "StewardCore", "Archives", "CSQLite",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: hotPathSettings),
        // Importer protocol, registry, the export reader (which importer reads which file or
        // archive member) and one folder per export family.
        .target(name: "Importers", dependencies: [
            "StewardCore", "Formats", "Archives", "CSQLite",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: hotPathSettings),
        // Rule-set files wherever they are (folder or compiled in), YAML reading, and errors that
        // name file:line; shared by the rules and the scoring models.
        .target(name: "RuleFileReading", dependencies: ["StewardCore", .product(name: "Yams", package: "Yams")]),
        // Rule files, lexicon automaton, matchers, aggregates, example runner.
        .target(name: "Rules", dependencies: [
            // No Localization: the English text of an analyzer's value (Finding.value) is written
            // by the catalog's writer the loader is given (RuleSet.findingValueText), so the
            // build-time tool that compiles the rules' automaton can use this module (a plugin's
            // tool cannot depend on a module that itself uses a build plugin).
            "StewardCore", "RuleFileReading",
        ], swiftSettings: hotPathSettings),
        // The project's rules/ compiled into steward at build time (docs/rules.md, "Where rules
        // come from"): BuiltInRulesPlugin runs BuiltInRulesGenerator over rules/ on every build
        // whose rules/ changed. Sources/BuiltInRules/rules links to rules/ (excluded from the
        // sources) so that SwiftPM re-plans, and re-runs the plugin, when a file is added or removed.
        .executableTarget(name: "BuiltInRulesGenerator", dependencies: ["Rules", "RuleFileReading"]),
        .plugin(name: "BuiltInRulesPlugin", capability: .buildTool(), dependencies: ["BuiltInRulesGenerator"]),
        .target(name: "BuiltInRules", dependencies: ["Rules", "RuleFileReading"], exclude: ["rules"], plugins: ["BuiltInRulesPlugin"]),
        // Scoring model files and their evaluator.
        .target(name: "Scoring", dependencies: ["StewardCore", "RuleFileReading"]),
        // System libsqlite3 (no wrapper package: prepared statements on the hot path).
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // System zlib, for gzip streams (.tgz Takeout archives) inflated in bounded chunks.
        .systemLibrary(name: "CSystemZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's mallopt, for the allocator thresholds the CLI sets at start (AllocatorTuning).
        .systemLibrary(name: "CAllocatorTuning"),
        .target(name: "Store", dependencies: ["StewardCore", "CSQLite"], swiftSettings: hotPathSettings),
        // Languages: steward's own strings (Sources/Localization/Catalog, compiled in by
        // ProgramCatalogPlugin), plural rules, number and date forms, the rules' translated
        // texts (docs/i18n.md).
        .executableTarget(name: "ProgramCatalogGenerator"),
        .plugin(name: "ProgramCatalogPlugin", capability: .buildTool(), dependencies: ["ProgramCatalogGenerator"]),
        .target(name: "Localization", dependencies: ["StewardCore", .product(name: "Yams", package: "Yams")],
                exclude: ["Catalog"], plugins: ["ProgramCatalogPlugin"]),
        .target(name: "Reports", dependencies: ["StewardCore", "Localization"]),
        .target(name: "Personas", dependencies: [
            "StewardCore",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // discover → detect → parse → match → infer → score → store → report.
        .target(name: "StewardPipeline", dependencies: [
            "StewardCore", "Archives", "Importers", "RuleFileReading", "Rules", "BuiltInRules", "Scoring", "Store", "Reports", "Localization",
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: hotPathSettings),
        // The labelled evaluation set under eval/: case generator, runner and scorer
        // (docs/rules.md, "Evaluation"). Kept apart from Personas' demo people and test fixtures.
        .target(name: "Evaluation", dependencies: ["StewardCore", "Rules", "Personas"]),
        // `make eval`: prints precision, recall and F1 of the rules on that set.
        .executableTarget(name: "steward-eval", dependencies: [
            "Evaluation", "Rules", "StewardPipeline", "BuiltInRules",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "steward", dependencies: [
            "StewardPipeline", "StewardCore", "Importers", "Reports", "Personas", "Localization", "Store",
            "CAllocatorTuning",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Hand-built hostile inputs (zip images byte by byte, raw deflate) shared by the tests.
        .target(name: "HostileInputs", dependencies: ["CSystemZlib", "CSQLite"], path: "Tests/HostileInputs"),
        .testTarget(name: "StewardCoreTests", dependencies: ["StewardCore"]),
        // The format readers alone, without an importer; the file-name tests also open through Archives.
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "Archives", "StewardCore", "HostileInputs"]),
        .testTarget(name: "ImportersTests", dependencies: [
            "Importers", "Formats", "Archives", "StewardCore", "HostileInputs", "Localization",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "RuleFileReading", "StewardCore", "Localization"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Rules", "RuleFileReading", "StewardCore"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "StewardCore"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "StewardCore", "Localization"], resources: [.copy("Golden")]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Rules", "StewardCore"]),
        .testTarget(name: "PipelineTests", dependencies: ["StewardPipeline", "BuiltInRules", "BuiltInRulesGenerator", "Rules", "RuleFileReading",
                                                    "Archives", "Importers", "Store", "CSQLite", "Personas", "StewardCore", "Localization", "Reports",
                                                    "HostileInputs"]),
        // Runs the built `steward` binary: CLI end-to-end, privacy and conformance checks.
        .testTarget(name: "CLITests", dependencies: [
            "StewardCore", "HostileInputs", "CSQLite",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
    ]
)

// `make fuzz`: libFuzzer harnesses, built only with STEWARD_FUZZ=1 and -sanitize=fuzzer (they
// have no main of their own: libFuzzer supplies it). docs/privacy.md, "Fuzzing".
if Context.environment["STEWARD_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
    for name in ["JSONFuzzer", "CSVFuzzer", "MarkupFuzzer", "TarFuzzer", "ExifFuzzer", "SQLiteFuzzer", "ImporterFuzzer", "FITFuzzer", "TypedStreamFuzzer"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["StewardCore", "Formats", "Archives", "Importers", "FuzzSupport"], path: "Fuzz/\(name)",
                                                 swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
