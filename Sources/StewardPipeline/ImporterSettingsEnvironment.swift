import Importers

extension ImporterSettings {
    /// The variable naming the person's own chat display name(s), separated by `|`.
    public static let ownerNameVariable = "STEWARD_OWNER_NAME"
    /// The locale variables the bank CSV reader takes a date-order hint from, in precedence order.
    public static let localeVariableNames = ["LC_ALL", "LC_TIME", "LANG"]

    /// What the person's environment says: the one place the CLI turns environment variables
    /// into importer settings (importers never read the environment).
    public init(environment: [String: String]) {
        self.init(ownerNames: ImporterSettings.ownerNames(from: environment[ImporterSettings.ownerNameVariable]),
                  localeVariables: environment.filter { ImporterSettings.localeVariableNames.contains($0.key) })
    }
}
