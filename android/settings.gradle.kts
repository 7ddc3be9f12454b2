// The Android app, for Android Studio / Gradle with the Android SDK and NDK.
// These build files are not run in this repository's CI (no Android SDK, no
// Google Maven there); `cargo xtask test` compiles and tests the same sources
// on the JVM instead (see README.md).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "nocontact"
include(":core", ":ui", ":app", ":desktop")
