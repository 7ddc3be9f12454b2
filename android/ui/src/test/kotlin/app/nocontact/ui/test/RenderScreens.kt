// `cargo xtask screens`: every fixed screen state of Fixtures.kt rendered to
// PNG at 412 × 915 dp, density 2.625, in light, dark and at font scale 2.
package app.nocontact.ui.test

import androidx.compose.ui.ImageComposeScene
import androidx.compose.ui.unit.Density
import org.jetbrains.skia.EncodedImageFormat
import java.io.File
import kotlin.system.exitProcess

private class Variant(val suffix: String, val dark: Boolean, val fontScale: Float)

private val VARIANTS = listOf(Variant("light", false, 1f), Variant("dark", true, 1f), Variant("large", false, 2f))

fun main(args: Array<String>) {
    val out = File(args.firstOrNull() ?: "docs/screens/android")
    out.mkdirs()
    var written = 0
    for (case in SCREENS) {
        for (v in VARIANTS) {
            val scene = ImageComposeScene(PHONE_W, PHONE_H, Density(DENSITY, v.fontScale)) {
                Providers(dark = v.dark) { case.content() }
            }
            try {
                val image = scene.render()
                val png = image.encodeToData(EncodedImageFormat.PNG) ?: error("PNG encoding failed for ${case.name}")
                File(out, "${case.name}-${v.suffix}.png").writeBytes(png.bytes)
                written++
            } finally {
                scene.close()
            }
        }
    }
    println("rendered $written screens into ${out.path}")
    if (written != SCREENS.size * VARIANTS.size) exitProcess(1)
    exitProcess(0)
}
