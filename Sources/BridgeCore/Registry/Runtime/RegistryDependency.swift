/// The three systems the registry depends on.
public enum RegistryDependency: String, Sendable, Hashable, CaseIterable {
    case kafka, consul, postgres
}
