// Accessibility of every fixed screen state (Fixtures.kt) in light, dark and
// at font scale 2: every clickable node has a label, every touch target is at
// least 48 dp, no text overflows its box, nothing sticks out sideways; and the
// theme's text colours contrast at least 4.5:1.
package app.nocontact.ui.test

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.layout.width
import androidx.compose.material3.ColorScheme
import androidx.compose.material3.IconButton
import androidx.compose.material3.Text
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.luminance
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsNode
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.isRoot
import androidx.compose.ui.text.TextLayoutResult
import app.nocontact.client.Suite
import app.nocontact.client.check
import app.nocontact.client.fail
import app.nocontact.ui.theme.DarkColors
import app.nocontact.ui.theme.LightColors

/** What is wrong with the nodes under [root], at [density]: empty when nothing. */
fun accessibilityProblems(root: SemanticsNode, density: Float, width: Int): List<String> {
    val problems = mutableListOf<String>()
    fun label(n: SemanticsNode): String {
        val description = n.config.getOrElse(SemanticsProperties.ContentDescription) { emptyList() }.joinToString(" ")
        val text = n.config.getOrElse(SemanticsProperties.Text) { emptyList() }.joinToString(" ") { it.text }
        return (description + " " + text).trim()
    }
    fun walk(n: SemanticsNode) {
        val clickable = n.config.contains(SemanticsActions.OnClick)
        if (clickable) {
            val name = label(n)
            if (name.isEmpty()) problems += "a clickable node without a label at ${n.boundsInRoot}"
            // The node's own size (Material adds its 48 dp minimum there), not
            // touchBoundsInRoot, which Compose widens for any pointer input.
            val minPx = 48f * density - 1f
            if (n.size.width < minPx || n.size.height < minPx) {
                problems += "<$name>: touch target ${n.size.width / density} × ${n.size.height / density} dp"
            }
        }
        if (n.boundsInRoot.right > width + 1f || n.boundsInRoot.left < -1f) {
            problems += "<${label(n)}> sticks out sideways: ${n.boundsInRoot}"
        }
        if (n.config.contains(SemanticsActions.GetTextLayoutResult)) {
            val results = mutableListOf<TextLayoutResult>()
            n.config[SemanticsActions.GetTextLayoutResult].action?.invoke(results)
            for (r in results) {
                // A fraction of a pixel is rounding, not clipping.
                val mp = r.multiParagraph
                val widest = (0 until mp.lineCount).maxOfOrNull { mp.getLineRight(it) - mp.getLineLeft(it) } ?: 0f
                val cut = mp.didExceedMaxLines || mp.height > r.size.height + 1f || widest > r.size.width + 1f
                if (cut) problems += "<${label(n)}> is clipped (${widest}×${mp.height} in ${r.size}, lines ${mp.lineCount})"
            }
        }
        n.children.forEach(::walk)
    }
    walk(root)
    return problems
}

/** WCAG contrast ratio of two colours. */
fun contrast(a: Color, b: Color): Double {
    val (hi, lo) = listOf(a.luminance().toDouble(), b.luminance().toDouble()).sortedDescending()
    return (hi + 0.05) / (lo + 0.05)
}

private fun textPairs(c: ColorScheme) = listOf(
    "onPrimary/primary" to (c.onPrimary to c.primary),
    "onPrimaryContainer/primaryContainer" to (c.onPrimaryContainer to c.primaryContainer),
    "onSecondaryContainer/secondaryContainer" to (c.onSecondaryContainer to c.secondaryContainer),
    "onTertiary/tertiary" to (c.onTertiary to c.tertiary),
    "onBackground/background" to (c.onBackground to c.background),
    "onSurface/surface" to (c.onSurface to c.surface),
    "onSurfaceVariant/surfaceVariant" to (c.onSurfaceVariant to c.surfaceVariant),
    "primary/background (text buttons)" to (c.primary to c.background),
    "primary/surfaceVariant (quick exit)" to (c.primary to c.surfaceVariant),
    "onError/error" to (c.onError to c.error),
)

@OptIn(ExperimentalTestApi::class)
fun registerAccessibilityTests() {
    for ((scale, dark) in listOf(1f to false, 1f to true, 2f to false)) {
        val variant = if (scale > 1f) "font scale 2" else if (dark) "dark" else "light"
        Suite.test("a11y: every screen, $variant: labelled controls, 48 dp targets, nothing clipped") {
            val problems = mutableListOf<String>()
            for (case in SCREENS) {
                phoneTest(fontScale = scale) {
                    setContent { Providers(dark = dark) { case.content() } }
                    waitForIdle()
                    val root = onNode(isRoot()).fetchSemanticsNode()
                    problems += accessibilityProblems(root, DENSITY, PHONE_W).map { "${case.name}: $it" }
                }
            }
            check(problems.isEmpty()) { problems.joinToString("; ") }
        }
    }

    Suite.test("a11y: the check itself finds an unlabelled button, a small target and clipped text") {
        phoneTest {
            setContent {
                Providers {
                    Column {
                        IconButton(onClick = {}) {}
                        Box(Modifier.size(20.dp).clickable {}) { Text("tiny") }
                        Text("a long line that cannot fit in one short line", maxLines = 1, softWrap = false, modifier = Modifier.width(40.dp))
                    }
                }
            }
            waitForIdle()
            val found = accessibilityProblems(onNode(isRoot()).fetchSemanticsNode(), DENSITY, PHONE_W)
            check(found.any { it.contains("without a label") }) { "no unlabelled node found in $found" }
            check(found.any { it.contains("touch target") }) { "no small target found in $found" }
            check(found.any { it.contains("clipped") }) { "no clipped text found in $found" }
        }
    }

    Suite.test("theme: every text colour contrasts at least 4.5:1 with its background, light and dark") {
        val low = (textPairs(LightColors).map { "light ${it.first}" to it.second } + textPairs(DarkColors).map { "dark ${it.first}" to it.second })
            .map { (name, pair) -> name to contrast(pair.first, pair.second) }
            .filter { it.second < 4.5 }
        check(low.isEmpty()) { "contrast below 4.5:1: " + low.joinToString { "${it.first} ${"%.2f".format(it.second)}" } }
        if (contrast(Color.White, Color.Black) < 20.9) fail("contrast() is wrong")
    }
}
