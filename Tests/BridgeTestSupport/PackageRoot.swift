import Foundation

/// The package's root folder (where Package.swift is), found from this source file's location.
public enum PackageRoot {
    public static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}
