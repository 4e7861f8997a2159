/// What every harness in Fuzz/ shares: handing control to libFuzzer's driver from the entry
/// point SwiftPM links (`<Harness>_main`; libFuzzer's own `main` is then never linked in).
/// docs/privacy.md, "Fuzzing".
public enum FuzzDriver {
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                           _ testOneInput: TestOneInput) -> CInt {
        var count = argc
        var arguments = argv
        return runLibFuzzer(&count, &arguments, testOneInput)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func runLibFuzzer(_ argc: UnsafeMutablePointer<CInt>,
                  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                  _ callback: FuzzDriver.TestOneInput) -> CInt
