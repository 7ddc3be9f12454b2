package app.nocontact.ui.theme

import androidx.compose.material3.ColorScheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Typography
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.font.FontFamily

// Calm colours: a muted teal and sand, no alarm red (a slip is not a failure).
// Every text colour meets 4.5:1 on its background (checked by ThemeTest).
val LightColors: ColorScheme = lightColorScheme(
    primary = Color(0xFF2F6461),
    onPrimary = Color(0xFFFFFFFF),
    primaryContainer = Color(0xFFCDE8E4),
    onPrimaryContainer = Color(0xFF0B3331),
    secondary = Color(0xFF585F4A),
    onSecondary = Color(0xFFFFFFFF),
    secondaryContainer = Color(0xFFE6E3D3),
    onSecondaryContainer = Color(0xFF2B2D22),
    tertiary = Color(0xFF6A5A3C),
    onTertiary = Color(0xFFFFFFFF),
    error = Color(0xFF8C4A2F),
    onError = Color(0xFFFFFFFF),
    errorContainer = Color(0xFFF6E1D6),
    onErrorContainer = Color(0xFF3E1C0D),
    background = Color(0xFFFAF8F3),
    onBackground = Color(0xFF1D1C19),
    surface = Color(0xFFFAF8F3),
    onSurface = Color(0xFF1D1C19),
    surfaceVariant = Color(0xFFEDEAE1),
    onSurfaceVariant = Color(0xFF45463F),
    outline = Color(0xFF6E6F66),
)

val DarkColors: ColorScheme = darkColorScheme(
    primary = Color(0xFF9ED2CC),
    onPrimary = Color(0xFF003734),
    primaryContainer = Color(0xFF1A4C49),
    onPrimaryContainer = Color(0xFFCDE8E4),
    secondary = Color(0xFFC9C7B4),
    onSecondary = Color(0xFF2F3126),
    secondaryContainer = Color(0xFF3C3E31),
    onSecondaryContainer = Color(0xFFE6E3D3),
    tertiary = Color(0xFFDCC59C),
    onTertiary = Color(0xFF3A2E12),
    error = Color(0xFFF0B8A0),
    onError = Color(0xFF4A2010),
    errorContainer = Color(0xFF5C3322),
    onErrorContainer = Color(0xFFF6E1D6),
    background = Color(0xFF151614),
    onBackground = Color(0xFFE5E2DB),
    surface = Color(0xFF151614),
    onSurface = Color(0xFFE5E2DB),
    surfaceVariant = Color(0xFF2A2B26),
    onSurfaceVariant = Color(0xFFC8C7BD),
    outline = Color(0xFF929289),
)

/** Material's type scale, in [fontFamily] (the platform's by default). */
fun typography(fontFamily: FontFamily): Typography {
    val base = Typography()
    fun TextStyle.f() = copy(fontFamily = fontFamily)
    return Typography(
        displayLarge = base.displayLarge.f(),
        displayMedium = base.displayMedium.f(),
        displaySmall = base.displaySmall.f(),
        headlineLarge = base.headlineLarge.f(),
        headlineMedium = base.headlineMedium.f(),
        headlineSmall = base.headlineSmall.f(),
        titleLarge = base.titleLarge.f(),
        titleMedium = base.titleMedium.f(),
        titleSmall = base.titleSmall.f(),
        bodyLarge = base.bodyLarge.f(),
        bodyMedium = base.bodyMedium.f(),
        bodySmall = base.bodySmall.f(),
        labelLarge = base.labelLarge.f(),
        labelMedium = base.labelMedium.f(),
        labelSmall = base.labelSmall.f(),
    )
}

@Composable
fun NoContactTheme(
    dark: Boolean,
    fontFamily: FontFamily = FontFamily.Default,
    content: @Composable () -> Unit,
) {
    MaterialTheme(
        colorScheme = if (dark) DarkColors else LightColors,
        typography = typography(fontFamily),
        content = content,
    )
}
