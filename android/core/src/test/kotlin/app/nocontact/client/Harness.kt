// A small test harness shared by android/core's and android/ui's tests (no
// JUnit, so no Gradle is needed here): named tests, `PASS name` or
// `FAIL name: reason`, then `N passed, M failed`. Arguments select tests by
// substring. `cargo xtask android-test` runs it (main in android/ui's tests).
package app.nocontact.client

import java.io.File
import java.nio.file.Files

class TestFailure(message: String) : Exception(message)

fun fail(message: String): Nothing = throw TestFailure(message)

fun check(condition: Boolean, message: () -> String) {
    if (!condition) fail(message())
}

fun <T> assertEq(actual: T, expected: T, what: String) =
    check(actual == expected) { "$what: expected <$expected>, got <$actual>" }

/** The value of an [Outcome.Ok], or a failure naming the error. */
fun <T> Outcome<T>.ok(what: String): T = when (this) {
    is Outcome.Ok -> value
    is Outcome.Err -> fail("$what: expected success, got $error")
}

fun Outcome<*>.err(what: String): CoreError = when (this) {
    is Outcome.Ok -> fail("$what: expected an error, got $value")
    is Outcome.Err -> error
}

/** A fresh temporary folder per test, removed afterwards. */
class Scratch : AutoCloseable {
    val dir: File = Files.createTempDirectory("nocontact-android-test-").toFile()

    fun path(name: String = "store.db"): String = File(dir, name).path

    override fun close() {
        dir.deleteRecursively()
    }
}

object Suite {
    private val tests = linkedMapOf<String, Scratch.() -> Unit>()

    fun test(name: String, body: Scratch.() -> Unit) {
        check(tests.put(name, body) == null) { "duplicate test $name" }
    }

    /** Runs the tests matching [filters]; returns whether all passed and some ran. */
    fun run(filters: List<String>): Boolean {
        var passed = 0
        var failed = 0
        for ((name, body) in tests) {
            if (filters.isNotEmpty() && filters.none { name.contains(it) }) continue
            try {
                Scratch().use { it.body() }
                println("PASS $name")
                passed++
            } catch (e: Throwable) {
                val where = e.stackTrace.firstOrNull { it.className.startsWith("app.nocontact") }
                println("FAIL $name: ${e::class.simpleName}: ${e.message}${where?.let { " (at ${it.fileName}:${it.lineNumber})" } ?: ""}")
                failed++
            }
            System.out.flush()
        }
        println("$passed passed, $failed failed")
        return failed == 0 && passed > 0
    }
}
