// `cargo xtask android-test [FILTER...]`: android/core's and android/ui's
// tests, on the JVM against the real libnocontact_ffi.
package app.nocontact.ui.test

import app.nocontact.client.Suite
import app.nocontact.client.registerBootClockTests
import app.nocontact.client.registerClientTests
import app.nocontact.client.registerWidgetTests
import kotlin.system.exitProcess

fun main(args: Array<String>) {
    registerClientTests()
    registerWidgetTests()
    registerBootClockTests()
    registerStringsTests()
    registerUiFlowTests()
    registerAccessibilityTests()
    registerReflectFlowTests()
    registerInsightsFlowTests()
    registerEvidenceFlowTests()
    app.nocontact.client.registerReflectInsightsEvidenceClientTests()
    registerPeopleFlowTests()
    registerLogFilterFlowTests()
    registerEntryFlowTests()
    registerBackupFlowTests()
    registerRemindersFlowTests()
    registerStringsBTests()
    val ok = Suite.run(args.toList())
    exitProcess(if (ok) 0 else 1)
}
