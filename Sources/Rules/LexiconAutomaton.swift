/// All lexicon terms of a rule set compiled into one byte-level Aho–Corasick automaton over
/// folded text (see `TextFolder`). One pass over a field finds every term of every lexicon,
/// overlapping ones included, at a table lookup per byte: per-event `String.contains` or regular
/// expressions are thousands of times slower (docs/performance.md, "Measurements behind the design").
///
/// Word boundaries: a term that starts (ends) with a letter or digit only matches where the
/// character before (after) it is not one. Any non-ASCII character counts as a letter, except
/// CJK characters, which have no word boundaries; a CJK term therefore matches anywhere.
/// A term written with a trailing `*` is a prefix term and drops the right boundary.
/// A term of a lexicon whose language inflects (`Inflection`) is matched by its stem followed by
/// one of the language's endings and a boundary; its hit spans the whole inflected word.
public struct LexiconAutomaton: Sendable {
    /// One term as written, with the group (lexicon or rule-local term list) it belongs to.
    public struct Term: Sendable, Hashable {
        public var group: String
        public var text: String
        public var isPrefix: Bool
        /// The inflection of the term's language, nil for an exact term (rule-local terms,
        /// languages without endings).
        public var inflection: Inflection?
        public init(group: String, text: String, isPrefix: Bool, inflection: Inflection? = nil) {
            self.group = group
            self.text = text
            self.isPrefix = isPrefix
            self.inflection = isPrefix ? nil : inflection
        }
    }

    /// One boundary-checked occurrence of a term's group in folded text; `start..<end` are byte
    /// offsets into the folded text.
    public struct Hit: Sendable, Hashable {
        public var group: Int32
        public var term: Int32
        public var start: Int32
        public var end: Int32
    }

    /// Group names in id order (`Hit.group` indexes this).
    public let groups: [String]
    /// Terms in id order (`Hit.term` indexes this).
    public let terms: [Term]

    struct Output: Sendable {
        var term: Int32
        var group: Int32
        var isPrefix: Bool
        /// Index into `inflections`, -1 for an exact or prefix term.
        var inflection: Int32 = -1
        /// A German term that may end a compound: no left boundary needed.
        var mayEndCompound = false
        /// Index into `firstWords` when this output is the rest of a phrase whose first word
        /// inflects (the pattern starts at the space after it); -1 otherwise.
        var firstWord: Int32 = -1
        /// Index into `numberGaps` when this output is a term with a number placeholder
        /// compiled around its number; -1 otherwise.
        var numberGap: Int32 = -1
    }

    /// A term with `{n}` compiled once instead of once per number: the automaton holds the
    /// text after the number, and a hit is checked for one or two digits and the term's text
    /// before the number in front of it. Written out
    /// per number, each term was 110 patterns whose common tail the trie repeated 110 times:
    /// stop 39's 118 such terms were 7–8 MB of the rules' load peak (docs/performance.md,
    /// "Numbers in terms compiled once").
    struct NumberGap: Sendable {
        /// Folded text before the number, as folded in front of a digit ("孕 " → "孕").
        var before: [UInt8]
        /// The term starts with a letter or digit: the character before it must not be one.
        var beforeNeedsLeftBoundary: Bool
    }

    /// The first word of a phrase matched by the phrase's rest: the word before the rest must
    /// be this stem with one of these endings (`Inflection.firstWord(of:)`).
    struct FirstWord: Sendable {
        var stem: [UInt8]
        var written: [UInt8]
        var endings: [[UInt8]]
    }

    private struct Pattern: Sendable {
        var length: Int32
        var needsLeftBoundary: Bool
        var needsRightBoundary: Bool
        var outputs: [Output]
    }

    /// A pattern as the scan reads it: its outputs are a range of `outputs`, not an array of
    /// their own, so reading one is not a retain and a release of that array (which showed as
    /// 3 % of a chat scan's samples, in `report`).
    struct CompiledPattern: Sendable {
        var length: Int32
        var needsLeftBoundary: Bool
        var needsRightBoundary: Bool
        var firstOutput: Int32
        var outputCount: Int32
    }

    // The compiled tables are internal, not private: the image (LexiconAutomatonImage.swift)
    // writes them out at build time and reads them back instead of compiling.
    let patterns: [CompiledPattern]
    let outputs: [Output]
    let inflections: [Inflection]
    let firstWords: [FirstWord]
    let numberGaps: [NumberGap]
    let byteClass: [UInt8]
    let classCount: Int

    // The transition function, compressed. States are numbered breadth first, so the shallow
    // states, where a scan spends most of its bytes, come first. Each of the first
    // `denseStateCount` states has a full row of `classCount` entries; every deeper state (most
    // of them lie inside one word, with one child) keeps only its own transitions and defers to
    // its failure state for the rest. A full table for every state
    // was 28 MB for the repository's rules, which neither fits a cache nor is small to build;
    // docs/performance.md ("The lexicon automaton in 2.6 MB instead of 28") has the measurements.
    //
    // A state is addressed by its *code*: below `denseCodeLimit` the code is the offset of its
    // row in `denseRows`; from there on, `denseCodeLimit + k` is the k-th sparse state. An entry
    // holding a target's code is stored complemented when that state ends at least one pattern
    // (checked with one sign test).
    let denseStateCount: Int
    let denseCodeLimit: Int
    let denseRows: [Int32]
    /// Per sparse state k: the code of its failure state, which it defers to on a miss (a
    /// full-row state's row offset or a sparse state's code), its first own
    /// transition (byte class and target, class -1 when it has none), and where its other
    /// transitions start in `exceptions` (they end where state k + 1's start; one extra entry
    /// closes the last). The first transition is kept in the state itself because it is nearly
    /// always the one taken, the next byte of the state's word: a step then reads one 16-byte
    /// entry instead of the state, its neighbour and an exception elsewhere, three dependent
    /// loads that were most of a chat export's scan (docs/performance.md, "The next byte of a
    /// word kept with its state").
    let sparseStates: [SparseState]
    let exceptions: [Exception]

    struct SparseState: Sendable {
        var fallbackRow: Int32
        var firstException: Int32
        var firstClass: Int32 = -1
        var firstTarget: Int32 = 0
    }

    struct Exception: Sendable {
        var target: Int32
        var byteClass: Int32
    }
    /// Pattern ending exactly at a state (-1 if none), and the next state along the failure
    /// chain that ends a pattern (-1 if none), by state number.
    let patternAt: [Int32]
    let outputLink: [Int32]

    /// How many of the shallowest states get a full row by default: 2,048 rows of ~120 classes
    /// are 1 MB, half of a core's L2 cache here, and hold 84–85 % of the bytes of chat and
    /// statement text scanned (docs/performance.md).
    public static let defaultDenseStateCount = 2048

    /// How the transition function is laid out: full-row states, sparse states and the
    /// transitions sparse states keep apart from their first (what loading costs; the
    /// performance notes cite these).
    public var layout: (fullRowStates: Int, sparseStates: Int, otherTransitions: Int) {
        (denseStateCount, sparseStates.count - 1, exceptions.count)
    }

    /// Compiles `terms`; the text of each term is folded here. Empty folded terms are ignored
    /// (the rule loader rejects them earlier with a file and line). `denseStateCount` only
    /// trades memory for speed: every choice finds the same hits.
    public init(terms: [Term], denseStateCount: Int = LexiconAutomaton.defaultDenseStateCount) {
        var groupIds: [String: Int32] = [:]
        var groups: [String] = []
        // About one pattern per term: sized once rather than doubled a dozen times while filling.
        var patternIndexByBytes: [[UInt8]: Int] = Dictionary(minimumCapacity: terms.count)
        var patternBytes: [[UInt8]] = []
        var patterns: [Pattern] = []
        var inflections: [Inflection] = []
        var firstWords: [FirstWord] = []
        var numberGaps: [NumberGap] = []
        func groupId(_ name: String) -> Int32 {
            if let known = groupIds[name] { return known }
            let group = Int32(groups.count)
            groupIds[name] = group
            groups.append(name)
            return group
        }
        func inflectionId(_ inflection: Inflection) -> Int32 {
            if let known = inflections.firstIndex(of: inflection) { return Int32(known) }
            inflections.append(inflection)
            return Int32(inflections.count - 1)
        }
        /// Adds `output` to the pattern of `bytes`, creating it when new.
        func addPattern(_ bytes: [UInt8], _ output: Output) {
            if let index = patternIndexByBytes[bytes] {
                patterns[index].outputs.append(output)
            } else {
                patternIndexByBytes[bytes] = patterns.count
                patternBytes.append(bytes)
                patterns.append(Pattern(length: Int32(bytes.count),
                                        needsLeftBoundary: LexiconAutomaton.isWordCharacter(startingAt: 0, in: bytes),
                                        needsRightBoundary: LexiconAutomaton.isWordCharacter(endingAt: bytes.count, in: bytes),
                                        outputs: [output]))
            }
        }
        for (termIndex, term) in terms.enumerated() {
            if let gap = LexiconAutomaton.numberGap(of: term) {
                var output = Output(term: Int32(termIndex), group: groupId(term.group), isPrefix: false,
                                    inflection: gap.inflection.map(inflectionId) ?? -1)
                output.numberGap = Int32(numberGaps.count)
                numberGaps.append(gap.gap)
                addPattern(gap.pattern, output)
                continue
            }
            // `{n}` in a term is a number of one or two digits: the term is compiled once per
            // number (docs/rules.md, "Numbers in terms").
            for written in LexiconAutomaton.numberForms(of: term.text) {
                var folded = TextFolder.fold(written)
                guard !folded.isEmpty else { continue }
                var inflectionIndex: Int32 = -1
                var mayEndCompound = false
                var firstWord: (stem: [UInt8], written: [UInt8], endings: [[UInt8]], rest: Int)?
                if let inflection = term.inflection, let stem = inflection.stem(ofFolded: folded) {
                    mayEndCompound = inflection.mayEndCompound(folded)
                    folded = stem
                    firstWord = inflection.firstWord(of: stem)
                    inflectionIndex = inflectionId(inflection)
                }
                let output = Output(term: Int32(termIndex), group: groupId(term.group), isPrefix: term.isPrefix,
                                    inflection: inflectionIndex, mayEndCompound: mayEndCompound)
                var forms = [(folded, output)]
                if let firstWord {
                    // The rest of the phrase, from the space on, once for all forms of its first
                    // word: each form as a pattern of its own would repeat the rest ~15 times.
                    var rest = output
                    rest.firstWord = Int32(firstWords.count)
                    firstWords.append(FirstWord(stem: firstWord.stem, written: firstWord.written, endings: firstWord.endings))
                    forms.append((Array(folded[firstWord.rest...]), rest))
                }
                for (bytes, output) in forms { addPattern(bytes, output) }
            }
        }
        self.groups = groups
        self.terms = terms
        var compiled: [CompiledPattern] = []
        var outputs: [Output] = []
        compiled.reserveCapacity(patterns.count)
        // Kept for the automaton's life: sized once, not doubled past its count.
        outputs.reserveCapacity(patterns.reduce(0) { $0 + $1.outputs.count })
        for pattern in patterns {
            compiled.append(CompiledPattern(length: pattern.length, needsLeftBoundary: pattern.needsLeftBoundary,
                                            needsRightBoundary: pattern.needsRightBoundary,
                                            firstOutput: Int32(outputs.count), outputCount: Int32(pattern.outputs.count)))
            outputs += pattern.outputs
        }
        self.patterns = compiled
        self.outputs = outputs
        // What only compiling needed goes before the states are laid out, where loading the
        // rules peaks (docs/performance.md, "Loading the rules in less memory").
        patterns = []
        patternIndexByBytes = [:]
        self.inflections = inflections
        self.firstWords = firstWords
        self.numberGaps = numberGaps

        // Bytes that occur in no pattern share class 0, which keeps rows short.
        var byteClass = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for bytes in patternBytes {
            for b in bytes where byteClass[Int(b)] == 0 {
                byteClass[Int(b)] = UInt8(classCount)
                classCount += 1
            }
        }
        self.byteClass = byteClass
        self.classCount = classCount

        // The trie, the nodes' state numbers and their breadth-first order by node live only in
        // this scope: every state's own transitions are laid out from them in their final places,
        // so the breadth-first pass below (failure links, full rows) runs without them. Loading
        // a rules folder whose terms differ from the build's peaked while the trie, those arrays,
        // every transition in construction order and a compacted copy of it were all held at once
        // (docs/performance.md, "The automaton compiled at load in less memory").
        let stateCount: Int, denseCount: Int, sparseCount: Int
        var bfsStates: [Int32]
        var patternAt: [Int32]
        var denseRows: [Int32]
        var sparseStates: [SparseState]
        var exceptions: [Exception]
        do {
            var trie = Trie(patternBytes: patternBytes, byteClass: byteClass)
            patternBytes = []
            stateCount = trie.stateCount
            denseCount = max(1, min(stateCount, denseStateCount))
            sparseCount = stateCount - denseCount

            // Breadth-first order of the trie's nodes; the first `denseCount` of them are the
            // full-row states, numbered in that order: they must be the shallowest.
            var order: [Int32] = [0]
            order.reserveCapacity(stateCount)
            var number = [Int32](repeating: 0, count: stateCount)
            var head = 0
            while head < order.count {
                let node = Int(order[head])
                for edge in trie.edges(of: node) {
                    number[Int(edge.child)] = Int32(order.count)
                    order.append(edge.child)
                }
                head += 1
            }
            // The sparse states are numbered depth first: a state's first child then lies right
            // after it, so reading a word deep in the automaton walks through neighbouring entries
            // (four to a cache line) instead of one far-off entry per byte, as breadth-first numbers
            // gave (docs/performance.md, "Sparse states in depth-first order"). The numbers are
            // final before anything is laid out, so nothing is copied to renumber it: the copies
            // were a quarter of the memory loading the rules took at its peak (docs/performance.md,
            // "Loading the rules in less memory").
            if sparseCount > 0 {
                var nextNumber = Int32(denseCount)
                var stack: [Int32] = [0]
                while let node = stack.popLast() {
                    if Int(number[Int(node)]) >= denseCount {
                        number[Int(node)] = nextNumber
                        nextNumber += 1
                    }
                    for edge in trie.edges(of: Int(node)).reversed() { stack.append(edge.child) }
                }
            }

            // The patterns by state first, and the trie's by node let go before the states are
            // allocated. Then every state's own transitions, by state number (they become codes
            // at the end): a full-row state's children in its row, whose other entries stay -1
            // until the breadth-first pass fills them; a sparse state's first child in the state,
            // its other children, in the trie's order, as its run of `exceptions`. The runs are in
            // state order from the start, sized by a first pass over the trie, so they are
            // neither built in breadth-first order nor compacted into a second array afterwards.
            patternAt = [Int32](repeating: -1, count: stateCount)
            for node in 0..<stateCount { patternAt[Int(number[node])] = trie.patternAt[node] }
            trie.releasePatterns()
            denseRows = [Int32](repeating: -1, count: denseCount * classCount)
            // One extra entry closes the last state's run of exceptions. `firstException` holds
            // the length of a state's run until the runs are placed.
            sparseStates = [SparseState](repeating: SparseState(fallbackRow: 0, firstException: 0), count: sparseCount + 1)
            for node in 0..<stateCount {
                let state = Int(number[node])
                let children = trie.edges(of: node)
                if state < denseCount {
                    let row = state * classCount
                    for edge in children { denseRows[row + Int(edge.byteClass)] = number[Int(edge.child)] }
                } else if let first = children.first {
                    let k = state - denseCount
                    sparseStates[k].firstClass = Int32(first.byteClass)
                    sparseStates[k].firstTarget = number[Int(first.child)]
                    sparseStates[k].firstException = Int32(children.count - 1)
                }
            }
            var placed: Int32 = 0
            for k in 0..<sparseCount {
                let runLength = sparseStates[k].firstException
                sparseStates[k].firstException = placed
                placed += runLength
            }
            sparseStates[sparseCount].firstException = placed
            exceptions = [Exception](repeating: Exception(target: 0, byteClass: 0), count: Int(placed))
            for node in 0..<stateCount where Int(number[node]) >= denseCount {
                let children = trie.edges(of: node)
                guard children.count > 1 else { continue }
                var e = Int(sparseStates[Int(number[node]) - denseCount].firstException)
                for edge in children.dropFirst() {
                    exceptions[e] = Exception(target: number[Int(edge.child)], byteClass: Int32(edge.byteClass))
                    e += 1
                }
            }
            // The breadth-first order as state numbers, in place: all the pass below needs of the trie.
            for i in order.indices { order[i] = number[Int(order[i])] }
            bfsStates = order
        }

        // Failure links and the rest of the full rows, in breadth-first order: every failure
        // target is shallower than its state, so its transitions are known when needed. A
        // sparse state's failure state is kept in its `fallbackRow` (as a state number until
        // the end), a full-row state's in `denseFailure`.
        var outputLink = [Int32](repeating: -1, count: stateCount)
        var denseFailure = [Int32](repeating: 0, count: denseCount)

        /// The state reached from `state` on `byteClass`, for a state already laid out.
        func next(_ state: Int, _ byteClass: Int) -> Int32 {
            var state = state
            while state >= denseCount {
                let k = state - denseCount
                if Int(sparseStates[k].firstClass) == byteClass { return sparseStates[k].firstTarget }
                for e in Int(sparseStates[k].firstException)..<Int(sparseStates[k + 1].firstException)
                where Int(exceptions[e].byteClass) == byteClass { return exceptions[e].target }
                state = Int(sparseStates[k].fallbackRow)
            }
            return denseRows[state * classCount + byteClass]
        }
        func setFailure(of child: Int32, _ failure: Int32) {
            let child = Int(child)
            if child < denseCount { denseFailure[child] = failure } else { sparseStates[child - denseCount].fallbackRow = failure }
        }

        for state in bfsStates {
            let state = Int(state)
            let fail = state < denseCount ? Int(denseFailure[state]) : Int(sparseStates[state - denseCount].fallbackRow)
            if state > 0 { outputLink[state] = patternAt[fail] >= 0 ? Int32(fail) : outputLink[fail] }
            if state < denseCount {
                // Its children are the entries already set; every other class leads where its
                // failure state's does (the root's, back to the root).
                let row = state * classCount
                for c in 0..<classCount where denseRows[row + c] >= 0 {
                    setFailure(of: denseRows[row + c], state == 0 ? 0 : next(fail, c))
                }
                for c in 0..<classCount where denseRows[row + c] < 0 {
                    denseRows[row + c] = state == 0 ? 0 : next(fail, c)
                }
            } else {
                // Only its own children: a miss defers to the failure state, full-row or sparse.
                // Copying a sparse failure state's transitions instead saved a step on some
                // misses, but phrases of one's own words share prefixes ("my ", "у меня ", "我的")
                // that thousands of states fail to, and the copies were 4.9 MB of the automaton
                // and 8 MB of the rules' load peak (docs/performance.md, "Failure states deferred
                // to, not copied"). Each deferral moves to a shallower state and each byte goes at
                // most one deeper, so a scan still averages at most two steps a byte.
                let k = state - denseCount
                let own = sparseStates[k]
                guard own.firstClass >= 0 else { continue }
                setFailure(of: own.firstTarget, next(fail, Int(own.firstClass)))
                for e in Int(own.firstException)..<Int(sparseStates[k + 1].firstException) {
                    setFailure(of: exceptions[e].target, next(fail, Int(exceptions[e].byteClass)))
                }
            }
        }
        bfsStates = []
        denseFailure = []

        // State numbers → codes, complemented when the target reports something.
        let denseCodeLimit = denseCount * classCount
        func code(_ state: Int32) -> Int32 {
            let s = Int(state)
            let value = Int32(s < denseCount ? s * classCount : denseCodeLimit + s - denseCount)
            return (patternAt[s] >= 0 || outputLink[s] >= 0) ? ~value : value
        }
        for i in denseRows.indices { denseRows[i] = code(denseRows[i]) }
        for i in exceptions.indices { exceptions[i].target = code(exceptions[i].target) }
        for k in 0..<sparseCount {
            let fallback = Int(sparseStates[k].fallbackRow)
            sparseStates[k].fallbackRow = Int32(fallback < denseCount ? fallback * classCount : denseCodeLimit + fallback - denseCount)
            if sparseStates[k].firstClass >= 0 { sparseStates[k].firstTarget = code(sparseStates[k].firstTarget) }
        }
        self.denseStateCount = denseCount
        self.denseCodeLimit = denseCodeLimit
        self.denseRows = denseRows
        self.sparseStates = sparseStates
        self.exceptions = exceptions
        self.patternAt = patternAt
        self.outputLink = outputLink
    }

    /// The pattern trie, built once per automaton: nodes are numbered as created; a node's
    /// children are found through a row for the root and a list of siblings below it while
    /// building, and as a contiguous run of edges afterwards.
    private struct Trie {
        struct Edge { var byteClass: UInt8; var child: Int32 }
        /// A node's children, in the order they were created, with their byte classes.
        struct Edges: RandomAccessCollection {
            let children: ArraySlice<Int32>
            let childClass: [UInt8]
            var startIndex: Int { children.startIndex }
            var endIndex: Int { children.endIndex }
            subscript(position: Int) -> Edge {
                Edge(byteClass: childClass[Int(children[position])], child: children[position])
            }
        }
        /// Pattern ending at each node (-1 if none); emptied by `releasePatterns()` once read.
        private(set) var patternAt: [Int32] = [-1]
        let stateCount: Int
        private var edgeStart: [Int32] = []
        /// Children grouped by parent; a child's class is its own (every node but the root is
        /// one edge's child), so an edge is 4 bytes here and 1 in `childClass`, not 8 as a
        /// struct of both (docs/performance.md, "The automaton compiled at load in less memory").
        private var edgeChild: [Int32] = []
        private var childClass: [UInt8] = []

        init(patternBytes: [[UInt8]], byteClass: [UInt8]) {
            // Sibling lists rather than one dictionary keyed by (node, class): below the root
            // a node has one or a few children, and the dictionary (a million entries, doubled
            // while it grew) was the largest allocation of loading the rules, 19 MB at the
            // peak (docs/performance.md, "The trie built without a dictionary").
            var rootChild = [Int32](repeating: -1, count: 256)
            var firstChild: [Int32] = [-1]
            var nextSibling: [Int32] = [-1]
            childClass = [0]
            // Patterns in byte order: each one then shares its prefix with the one before, so
            // nodes are created depth first and a node's children lie after it. Every pass
            // below that reads a node's children (failure links, state numbers) then walks
            // memory in order instead of jumping to nodes created far apart, which was most of
            // compiling the automaton (docs/performance.md, "The trie built in byte order").
            // The automaton is the same: pattern indices are kept, only node numbers change.
            let inByteOrder = patternBytes.indices.sorted { patternBytes[$0].lexicographicallyPrecedes(patternBytes[$1]) }
            // In byte order, a pattern adds one node per byte past the prefix it shares with the
            // one before (patterns are distinct, and distinct bytes of patterns have distinct
            // classes), so the node arrays are sized once: grown by doubling they held up to
            // twice the nodes, four arrays of a peak that loading a rules folder of its own pays
            // (docs/performance.md, "The automaton compiled at load in less memory").
            var nodeCount = 1
            for (rank, index) in inByteOrder.enumerated() {
                let bytes = patternBytes[index]
                var shared = 0
                if rank > 0 {
                    let previous = patternBytes[inByteOrder[rank - 1]]
                    while shared < min(previous.count, bytes.count) && previous[shared] == bytes[shared] { shared += 1 }
                }
                nodeCount += bytes.count - shared
            }
            patternAt.reserveCapacity(nodeCount)
            firstChild.reserveCapacity(nodeCount)
            nextSibling.reserveCapacity(nodeCount)
            childClass.reserveCapacity(nodeCount)
            for index in inByteOrder {
                let bytes = patternBytes[index]
                var node = 0
                for b in bytes {
                    let c = byteClass[Int(b)]
                    var found: Int32 = -1
                    if node == 0 {
                        found = rootChild[Int(c)]
                    } else {
                        var k = firstChild[node]
                        while k >= 0 {
                            if childClass[Int(k)] == c { found = k; break }
                            k = nextSibling[Int(k)]
                        }
                    }
                    if found >= 0 { node = Int(found); continue }
                    let child = Int32(patternAt.count)
                    patternAt.append(-1)
                    firstChild.append(-1)
                    childClass.append(c)
                    nextSibling.append(firstChild[node])
                    firstChild[node] = child
                    // The root has children of most classes: a row finds them at once.
                    if node == 0 { rootChild[Int(c)] = child }
                    node = Int(child)
                }
                patternAt[node] = Int32(index)
            }
            // Children grouped by parent, in the order they were created: each node's sibling
            // list reversed (a child is put in front).
            var start = [Int32](repeating: 0, count: patternAt.count + 1)
            var list: [Int32] = []
            list.reserveCapacity(patternAt.count - 1)
            var siblings: [Int32] = []
            for node in 0..<patternAt.count {
                start[node] = Int32(list.count)
                siblings.removeAll(keepingCapacity: true)
                var k = firstChild[node]
                while k >= 0 { siblings.append(k); k = nextSibling[Int(k)] }
                list.append(contentsOf: siblings.reversed())
            }
            start[patternAt.count] = Int32(list.count)
            stateCount = patternAt.count
            edgeStart = start
            edgeChild = list
        }

        func edges(of node: Int) -> Edges {
            Edges(children: edgeChild[Int(edgeStart[node])..<Int(edgeStart[node + 1])], childClass: childClass)
        }

        /// Lets the patterns go once the automaton's own table, by state, holds them.
        mutating func releasePatterns() { patternAt = [] }
    }

    /// The placeholder for a number in a term, and the numbers it stands for: one or two
    /// digits, with or without a leading zero ("ssw {n}": "ssw 7", "ssw 07", "ssw 34"). A number
    /// with more digits does not match: a digit after the term is a word character.
    public static let numberPlaceholder = "{n}"
    public static let placeholderNumbers: [String] = (0...99).map(String.init) + (0...9).map { "0\($0)" }

    /// `text` with its number placeholder written out as each number it stands for, or `text`
    /// alone. The rule loader allows one placeholder per term.
    static func numberForms(of text: String) -> [String] {
        // Asked of every term when the rules load; nearly none holds a brace, and the generic
        // substring search cost 5 % of loading.
        guard text.utf8.contains(UInt8(ascii: "{")), let range = text.firstRange(of: numberPlaceholder) else { return [text] }
        return placeholderNumbers.map { text[..<range.lowerBound] + $0 + text[range.upperBound...] }
    }

    /// How a term with a number placeholder is compiled around its number: the pattern the
    /// automaton holds (the text after the number), the gap's check and the inflection of the
    /// pattern's last word. Nil for a term without a placeholder, a term ending with its number,
    /// a short pattern, and the few whose inflection reaches past the number (a phrase whose
    /// first word inflects, a German compound's tail): those are written out per number.
    private static func numberGap(of term: Term) -> (pattern: [UInt8], gap: NumberGap, inflection: Inflection?)? {
        guard term.text.utf8.contains(UInt8(ascii: "{")), !term.isPrefix,
              let range = term.text.firstRange(of: numberPlaceholder) else { return nil }
        // Folded as the text around a digit folds, so spaces a digit drops beside Chinese go too.
        let before = Array(TextFolder.fold(term.text[..<range.lowerBound] + "0").dropLast())
        let after = Array(TextFolder.fold("0" + term.text[range.upperBound...]).dropFirst())
        guard !before.isEmpty || !after.isEmpty else { return nil }
        let beforeNeedsLeftBoundary = before.isEmpty || LexiconAutomaton.isWordCharacter(startingAt: 0, in: before)
        // A term ending with its number is written out: its hit would end after the digits, past
        // the point where the scan reports it, and hits are reported in order of their ends
        // (readers such as the card-points analyzer walk them with a cursor). Its 110 forms
        // differ only in their last one or two bytes, which costs the trie little.
        if after.isEmpty { return nil }
        var pattern = after
        var inflection: Inflection?
        if let language = term.inflection {
            let whole = before + [UInt8(ascii: "0")] + after
            if let stem = language.stem(ofFolded: whole) {
                // Only the last word's ending moves; a phrase whose first word inflects, or a
                // compound's tail, is written out per number instead.
                guard language.firstWord(of: stem) == nil, !language.mayEndCompound(whole),
                      stem.count > before.count + 1 else { return nil }
                pattern = Array(stem[(before.count + 1)...])
                inflection = language
            }
        }
        guard pattern.count >= minimumGapPattern else { return nil }
        return (pattern, NumberGap(before: before, beforeNeedsLeftBoundary: beforeNeedsLeftBoundary), inflection)
    }

    /// The shortest pattern a number gap is compiled around. A short one ("h" of "{n}h", "s",
    /// ":00", "天") occurs all over ordinary text, and each occurrence was a check for digits:
    /// Chrome history scans took 1.12× the CPU. Written out per number, such a term costs 110
    /// short branches of the trie, which is little.
    private static let minimumGapPattern = 4

    /// Number of automaton states (for sizing reports and tests).
    public var stateCount: Int { patternAt.count }

    /// Calls `body` for every boundary-respecting hit in already folded `text`, in order of
    /// their end offsets.
    public func scan(folded text: UnsafeBufferPointer<UInt8>, _ body: (Hit) -> Void) {
        guard !patterns.isEmpty else { return }
        denseRows.withUnsafeBufferPointer { table in
        byteClass.withUnsafeBufferPointer { classes in
        sparseStates.withUnsafeBufferPointer { sparse in
        exceptions.withUnsafeBufferPointer { exceptions in
            var code = 0
            for i in 0..<text.count {
                let byteClass = Int(classes[Int(text[i])])
                let entry: Int32
                if code < denseCodeLimit {
                    entry = table[code &+ byteClass]
                } else {
                    // A sparse state: its first own transition (usually the one taken: the
                    // next byte of its word), its other ones, else its failure state's, which
                    // is a full row or another sparse state.
                    var k = code &- denseCodeLimit
                    while true {
                        let state = sparse[k]
                        if Int(state.firstClass) == byteClass { entry = state.firstTarget; break }
                        var e = Int(state.firstException)
                        let end = Int(sparse[k &+ 1].firstException)
                        while e < end && Int(exceptions[e].byteClass) != byteClass { e &+= 1 }
                        if e < end { entry = exceptions[e].target; break }
                        let fallback = Int(state.fallbackRow)
                        if fallback < denseCodeLimit { entry = table[fallback &+ byteClass]; break }
                        k = fallback &- denseCodeLimit
                    }
                }
                if entry >= 0 {
                    code = Int(entry)
                } else {
                    code = Int(~entry)
                    report(state: code < denseCodeLimit ? code / classCount : denseStateCount + code - denseCodeLimit,
                           end: i + 1, in: text, body)
                }
            }
        }
        }
        }
        }
    }

    /// Convenience for tests and one-off checks: folds `text` and returns its hits.
    public func hits(in text: String) -> [Hit] {
        let folded = TextFolder.fold(text)
        var result: [Hit] = []
        folded.withUnsafeBufferPointer { buffer in scan(folded: buffer) { result.append($0) } }
        return result
    }

    private func report(state: Int, end: Int, in text: UnsafeBufferPointer<UInt8>, _ body: (Hit) -> Void) {
        var current = patternAt[state] >= 0 ? state : Int(outputLink[state])
        while current >= 0 {
            let pattern = patterns[Int(patternAt[current])]
            let patternStart = end - Int(pattern.length)
            let leftOK = !pattern.needsLeftBoundary || !LexiconAutomaton.isWordCharacter(endingAt: patternStart, in: text)
            let rightOK = !pattern.needsRightBoundary || !LexiconAutomaton.isWordCharacter(startingAt: end, in: text)
            for index in Int(pattern.firstOutput)..<Int(pattern.firstOutput + pattern.outputCount) {
                let output = outputs[index]
                if output.numberGap >= 0 {
                    reportNumberGap(output, patternStart: patternStart, end: end, rightOK: rightOK, in: text, body)
                    continue
                }
                guard leftOK || output.mayEndCompound else { continue }
                var start = patternStart
                if output.firstWord >= 0 {
                    // The rest of a phrase: the word before it must be another form of the
                    // phrase's first word; the hit then starts at that word.
                    var wordStart = patternStart
                    while LexiconAutomaton.isWordCharacter(endingAt: wordStart, in: text) {
                        wordStart -= 1
                        while wordStart > 0 && text[wordStart] & 0xC0 == 0x80 { wordStart -= 1 }
                    }
                    let head = firstWords[Int(output.firstWord)]
                    guard Inflection.isOtherForm(text, start: wordStart, end: patternStart,
                                                 stem: head.stem, written: head.written, endings: head.endings) else { continue }
                    start = wordStart
                }
                if output.inflection >= 0 {
                    // A stem counts when one of its language's endings completes the word.
                    guard let ending = inflections[Int(output.inflection)].endingLength(after: end, in: text) else { continue }
                    body(Hit(group: output.group, term: output.term, start: Int32(start), end: Int32(end + ending)))
                } else if rightOK || output.isPrefix {
                    body(Hit(group: output.group, term: output.term, start: Int32(start), end: Int32(end)))
                }
            }
            current = Int(outputLink[current])
        }
    }

    /// A hit of a term compiled around its number: one or two digits and the term's text
    /// before the number must be right before the pattern (the text after the number), as in
    /// the term written out per number. The hit ends where the pattern does, so hits stay in
    /// order of their ends.
    private func reportNumberGap(_ output: Output, patternStart: Int, end: Int, rightOK: Bool,
                                 in text: UnsafeBufferPointer<UInt8>, _ body: (Hit) -> Void) {
        let gap = numberGaps[Int(output.numberGap)]
        @inline(__always) func isDigit(_ i: Int) -> Bool { i >= 0 && i < text.count && text[i] &- 0x30 < 10 }
        // The pattern is the text after the number: its end as any term's; before it one or
        // two digits, the text before the number, and the term's own left boundary.
        var hitEnd = end
        if output.inflection >= 0 {
            guard let ending = inflections[Int(output.inflection)].endingLength(after: end, in: text) else { return }
            hitEnd = end + ending
        } else if !rightOK {
            return
        }
        for digits in 1...2 {
            let numberStart = patternStart - digits
            guard numberStart >= 0, (numberStart..<patternStart).allSatisfy({ isDigit($0) }) else { break }
            let start = numberStart - gap.before.count
            guard start >= 0 else { continue }
            var same = true
            for k in 0..<gap.before.count where text[start + k] != gap.before[k] { same = false; break }
            guard same else { continue }
            if gap.beforeNeedsLeftBoundary && LexiconAutomaton.isWordCharacter(endingAt: start, in: text) { continue }
            body(Hit(group: output.group, term: output.term, start: Int32(start), end: Int32(hitEnd)))
        }
    }

    // MARK: word characters

    /// Whether the character beginning at byte `index` is a letter or digit (false past the end).
    static func isWordCharacter<Bytes: RandomAccessCollection>(startingAt index: Int, in bytes: Bytes) -> Bool
        where Bytes.Element == UInt8, Bytes.Index == Int {
        guard index < bytes.endIndex else { return false }
        let b = bytes[index]
        if b < 0x80 { return isASCIIAlphanumeric(b) }
        return isNonCJKLetter(scalarAt: index, in: bytes)
    }

    /// Whether the character ending just before byte `index` is a letter or digit (false at 0).
    static func isWordCharacter<Bytes: RandomAccessCollection>(endingAt index: Int, in bytes: Bytes) -> Bool
        where Bytes.Element == UInt8, Bytes.Index == Int {
        guard index > bytes.startIndex else { return false }
        let b = bytes[index - 1]
        if b < 0x80 { return isASCIIAlphanumeric(b) }
        // Walk back over at most three continuation bytes to the lead byte.
        var lead = index - 1
        while lead > bytes.startIndex && index - lead < 4 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        return isNonCJKLetter(scalarAt: lead, in: bytes)
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
        (b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 26
    }

    /// Whether a non-ASCII character is a letter, mark or number outside CJK (which is written
    /// without spaces between words). Punctuation and symbols are not: "¡Esperamos un bebé!",
    /// "¿cómo salir de asnef?", "dispo ausgereizt…" and "schwanger🤰" end or begin words there,
    /// as a space would (docs/rules.md, "Lexicons and text folding"). Asked only where a term
    /// may begin or end, not per byte.
    private static func isNonCJKLetter<Bytes: RandomAccessCollection>(scalarAt index: Int, in bytes: Bytes) -> Bool
        where Bytes.Element == UInt8, Bytes.Index == Int {
        let b0 = bytes[index]
        var scalar: UInt32
        let length: Int
        switch b0 {
        case 0xC0...0xDF: scalar = UInt32(b0 & 0x1F); length = 2
        case 0xE0...0xEF: scalar = UInt32(b0 & 0x0F); length = 3
        case 0xF0...0xF7: scalar = UInt32(b0 & 0x07); length = 4
        default: return true // stray continuation byte: treat as part of a word
        }
        guard index + length <= bytes.endIndex else { return true }
        for k in 1..<length { scalar = scalar << 6 | UInt32(bytes[index + k] & 0x3F) }
        guard !isCJK(scalar), let character = Unicode.Scalar(scalar) else { return false }
        switch character.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func isCJK(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }
}
