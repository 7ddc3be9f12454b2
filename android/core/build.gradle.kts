// android/core: the Kotlin library apps depend on: the generated bindings
// (target/bindings/app/nocontact/core/nocontact.kt, copied in by
// `cargo xtask bindings`) and the idiomatic layer in src/main/kotlin. Published
// as an AAR with libnocontact_ffi.so under jniLibs/<abi>/ (built by cargo-ndk)
// and JNA as a dependency.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "app.nocontact.client"
    compileSdk = 35
    defaultConfig {
        minSdk = 28
        consumerProguardFiles("consumer-rules.pro")
    }
    sourceSets["main"].kotlin.srcDir("../../target/bindings")
    sourceSets["main"].jniLibs.srcDir("src/main/jniLibs")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin { jvmToolchain(17) }

dependencies {
    api("net.java.dev.jna:jna:5.15.0@aar")
    api("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.8.0")
}
