package app.nocontact.ui.insights

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.CornerRadius
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.drawscope.DrawScope
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.drawText
import androidx.compose.ui.text.rememberTextMeasurer
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import app.nocontact.core.AttemptInsights
import app.nocontact.core.BoundaryProgress
import app.nocontact.core.LocalDate
import app.nocontact.core.MoodInsights
import app.nocontact.core.Trend
import app.nocontact.core.UrgeInsights
import app.nocontact.ui.components.Pick
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.TouchTarget
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.strings.LocalStrings
import app.nocontact.ui.strings.Strings
import app.nocontact.ui.strings.str
import java.time.DayOfWeek
import java.time.format.TextStyle as DayStyle
import java.util.Locale

class InsightsActions(
    val onPeriod: (UInt) -> Unit = {},
    val onPerson: (String?) -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

// The words of each chart, made from the numbers the core returned: shown
// under the chart and read by screen readers as the chart's description.

/** "3 Nov" for a core date. */
fun shortDate(d: LocalDate): String =
    java.time.LocalDate.of(d.year, d.month.toInt(), d.day.toInt()).format(java.time.format.DateTimeFormatter.ofPattern("d MMM", Locale.getDefault()))

private fun one(x: Double): String = String.format(Locale.getDefault(), "%.1f", x)

/** The size of a weekly change; the words say which way. */
private fun size(x: Double): String = one(kotlin.math.abs(x))

private fun trendKey(prefix: String, t: Trend) = enumKey(prefix, t)

fun urgesSummary(s: Strings, u: UrgeInsights): String {
    if (u.total == 0u) return s.get("insights_urges_none")
    val head = s.plural("insights_urges_summary", u.total.toInt(), u.total.toInt(), u.resistedPercent.toInt(), one(u.meanIntensity))
    return head + " " + s.get(trendKey("insights_intensity_trend", u.intensityTrend), size(u.intensityChangePerWeek))
}

fun urgeBarsDescription(s: Strings, u: UrgeInsights): String =
    s.get("insights_urges_weeks", u.weeks.joinToString("; ") { s.get("insights_urges_week", shortDate(it.weekStart), it.count.toInt(), it.resistedPercent.toInt()) })

/** The busiest weekday and hour of the grid (Monday first, 7 × 24), and the urges on each weekday. */
fun gridSummary(s: Strings, grid: List<List<UInt>>): String {
    var best = -1 to -1
    var most = 0u
    grid.forEachIndexed { d, row -> row.forEachIndexed { h, n -> if (n > most) { most = n; best = d to h } } }
    if (most == 0u) return s.get("insights_grid_empty")
    val day = { d: Int -> DayOfWeek.of(d + 1).getDisplayName(DayStyle.FULL, Locale.getDefault()) }
    val busiest = s.get("insights_grid_busiest", day(best.first), best.second, (best.second + 1) % 24, most.toInt())
    val days = grid.mapIndexed { d, row -> s.get("insights_grid_day", day(d), row.sumOf { it.toInt() }) }.joinToString(", ")
    return busiest + " " + s.get("insights_grid_days", days)
}

fun attemptsSummary(s: Strings, a: AttemptInsights): String {
    if (a.total == 0u) return s.get("insights_attempts_none")
    val head = s.plural("insights_attempts_summary", a.total.toInt(), a.total.toInt())
    val flag = if (a.rising) {
        s.get("insights_attempts_rising", a.last14Days.toInt(), a.mostInEarlier14Days.toInt())
    } else {
        s.get("insights_attempts_not_rising", a.last14Days.toInt(), a.mostInEarlier14Days.toInt())
    }
    val trend = s.get(trendKey("insights_attempts_trend", a.trend), size(a.changePerWeek))
    val channels = if (a.byChannel.isEmpty()) "" else " " + s.get("insights_attempts_channels", a.byChannel.joinToString(", ") { s.get("insights_attempts_channel", s.get(enumKey("channel", it.channel)), it.count.toInt()) })
    return "$head $flag $trend$channels"
}

fun attemptBarsDescription(s: Strings, a: AttemptInsights): String =
    s.get("insights_attempts_weeks", a.weeks.joinToString("; ") { s.get("insights_attempts_week", shortDate(it.weekStart), it.count.toInt()) })

fun moodSummary(s: Strings, m: MoodInsights): String {
    val weeks = m.weeks
    if (weeks.isEmpty()) return s.get("insights_mood_none")
    val checkIns = weeks.sumOf { it.checkIns.toInt() }
    val first = weeks.first()
    val last = weeks.last()
    return if (weeks.size == 1) {
        s.get("insights_mood_one_week", one(first.mood), shortDate(first.date), checkIns)
    } else {
        s.get("insights_mood_summary", one(first.mood), shortDate(first.date), one(last.mood), shortDate(last.date), checkIns)
    }
}

fun moodDescription(s: Strings, m: MoodInsights): String =
    s.get("insights_mood_weeks", m.weeks.joinToString("; ") { s.get("insights_mood_week", shortDate(it.date), one(it.mood)) })

fun boundaryLine(s: Strings, b: BoundaryProgress): String {
    val line = s.get("insights_boundary_line", b.daysKept.toInt(), b.crossedByMe.toInt(), b.touchedByThem.toInt())
    return if (b.status == app.nocontact.core.BoundaryStatus.ACTIVE) line else s.get(enumKey("boundary_status", b.status)) + ". " + line
}

@Composable
fun InsightsScreen(state: InsightsState, actions: InsightsActions) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        Heading(str("insights_title"))
        Choices(state, actions)
        if (state.problem) Note(str("insights_problem"))
        val i = state.insights
        if (i == null) {
            if (state.loading) Body(str("insights_loading"))
        } else {
            val s = LocalStrings.current
            Body(str("insights_range", shortDate(i.from), shortDate(i.to)), Modifier.testTag("insights_range"))
            Section(str("insights_urges_title"), urgesSummary(s, i.urges), "urges") {
                if (i.urges.total > 0u && i.urges.weeks.isNotEmpty()) {
                    Bars(
                        counts = i.urges.weeks.map { it.count.toFloat() },
                        filled = i.urges.weeks.map { it.count.toFloat() * it.resistedPercent.toFloat() / 100f },
                        description = urgeBarsDescription(s, i.urges),
                        tag = "urges_chart",
                    )
                    WeekEnds(shortDate(i.urges.weeks.first().weekStart), shortDate(i.urges.weeks.last().weekStart))
                    Caption(str("insights_urges_legend"))
                }
            }
            Section(str("insights_grid_title"), gridSummary(s, i.urges.weekdayHour), "grid") {
                if (i.urges.total > 0u) Grid(i.urges.weekdayHour, gridSummary(s, i.urges.weekdayHour))
            }
            Section(str("insights_attempts_title"), attemptsSummary(s, i.attempts), "attempts") {
                if (i.attempts.rising) Note(str("insights_attempts_rising_flag"), Modifier.testTag("rising"))
                if (i.attempts.total > 0u && i.attempts.weeks.isNotEmpty()) {
                    Bars(
                        counts = i.attempts.weeks.map { it.count.toFloat() },
                        filled = i.attempts.weeks.map { it.count.toFloat() },
                        description = attemptBarsDescription(s, i.attempts),
                        tag = "attempts_chart",
                    )
                    WeekEnds(shortDate(i.attempts.weeks.first().weekStart), shortDate(i.attempts.weeks.last().weekStart))
                }
            }
            Section(str("insights_mood_title"), moodSummary(s, i.mood), "mood") {
                if (i.mood.weeks.isNotEmpty()) {
                    MoodLine(i.mood.weeks.map { it.mood.toFloat() }, moodDescription(s, i.mood))
                    WeekEnds(shortDate(i.mood.weeks.first().date), shortDate(i.mood.weeks.last().date))
                }
            }
            Section(str("insights_boundaries_title"), if (i.boundaries.isEmpty()) str("insights_boundaries_none") else null, "boundaries") {
                i.boundaries.forEach { b ->
                    Column(Modifier.testTag("boundary_${b.boundaryId}"), verticalArrangement = Arrangement.spacedBy(2.dp)) {
                        Text(b.statement, style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onSurface)
                        Text(boundaryLine(s, b), style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
                    }
                }
            }
        }
        SecondaryButton(str("insights_back"), actions.onBack, Modifier.testTag("insights_back"))
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Choices(state: InsightsState, actions: InsightsActions) {
    // The periods two by two, the same width each, so that they stay tidy at twice the text size.
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        InsightsPeriods.chunked(if (LocalDensity.current.fontScale > 1.3f) 1 else 2).forEach { pair ->
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.fillMaxWidth()) {
                pair.forEach { w ->
                    Pick(str("insights_weeks", w.toInt()), state.weeks == w, Modifier.weight(1f).testTag("period_$w"), tight = true) { actions.onPeriod(w) }
                }
            }
        }
    }
    if (state.people.size > 1) {
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Pick(str("insights_everyone"), state.personId == null, Modifier.testTag("person_all")) { actions.onPerson(null) }
            state.people.forEach { p ->
                Pick(p.alias, state.personId == p.id, Modifier.testTag("person_${p.id}")) { actions.onPerson(p.id) }
            }
        }
    }
}

@Composable
private fun Section(title: String, summary: String?, tag: String, chart: @Composable () -> Unit) {
    Surface(color = MaterialTheme.colorScheme.surfaceVariant, shape = MaterialTheme.shapes.medium, modifier = Modifier.fillMaxWidth().testTag("section_$tag")) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(10.dp)) {
            Text(title, style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.onSurface, modifier = Modifier.semantics { heading() })
            chart()
            if (summary != null) Text(summary, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface, modifier = Modifier.testTag("summary_$tag"))
        }
    }
}

@Composable
private fun Caption(text: String) {
    Text(text, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
}

@Composable
private fun WeekEnds(first: String, last: String) {
    Row(Modifier.fillMaxWidth()) {
        Caption(first)
        Text("", Modifier.weight(1f))
        Caption(last)
    }
}

/** Weekly bars: each bar's height is its count; the [filled] part of it is drawn solid, the rest pale. */
@Composable
private fun Bars(counts: List<Float>, filled: List<Float>, description: String, tag: String) {
    val solid = MaterialTheme.colorScheme.primary
    val pale = MaterialTheme.colorScheme.primary.copy(alpha = 0.3f)
    val axis = MaterialTheme.colorScheme.outline
    Canvas(Modifier.fillMaxWidth().height(120.dp).testTag(tag).semantics { contentDescription = description }) {
        val max = (counts.maxOrNull() ?: 0f).coerceAtLeast(1f)
        val slot = size.width / counts.size
        val gap = (slot * 0.25f).coerceAtMost(8.dp.toPx())
        val bottom = size.height - 1.dp.toPx()
        counts.forEachIndexed { n, c ->
            val x = n * slot + gap / 2
            val w = slot - gap
            val h = (c / max) * (bottom - 4.dp.toPx())
            val f = (filled[n] / max) * (bottom - 4.dp.toPx())
            if (h > 0f) drawRoundRect(pale, Offset(x, bottom - h), Size(w, h), CornerRadius(3.dp.toPx()))
            if (f > 0f) drawRoundRect(solid, Offset(x, bottom - f), Size(w, f), CornerRadius(3.dp.toPx()))
        }
        drawLine(axis, Offset(0f, bottom), Offset(size.width, bottom), 1.dp.toPx())
    }
}

/** The weekday × hour grid: a square per hour, darker for more urges; weekday names at the left, hours on top. */
@Composable
private fun Grid(grid: List<List<UInt>>, description: String) {
    val measurer = rememberTextMeasurer()
    val style = TextStyle(fontSize = MaterialTheme.typography.labelSmall.fontSize, color = MaterialTheme.colorScheme.onSurfaceVariant, fontFamily = MaterialTheme.typography.labelSmall.fontFamily)
    val days = (1..7).map { DayOfWeek.of(it).getDisplayName(DayStyle.SHORT, Locale.getDefault()) }
    val labels = days.map { measurer.measure(it, style) }
    val hourLabels = listOf(0, 6, 12, 18).associateWith { measurer.measure("$it", style) }
    val density = LocalDensity.current
    val labelW = labels.maxOf { it.size.width }
    val labelH = labels.maxOf { it.size.height }
    val rowH = with(density) { maxOf(labelH.toFloat() + 4.dp.toPx(), 18.dp.toPx()) }
    val height = with(density) { (rowH * 7 + labelH + 4.dp.toPx()).toDp() }
    val most = grid.maxOf { row -> row.maxOf { it } }.toFloat().coerceAtLeast(1f)
    val ink = MaterialTheme.colorScheme.primary
    val empty = MaterialTheme.colorScheme.background
    Canvas(Modifier.fillMaxWidth().height(height).testTag("grid_chart").semantics { contentDescription = description }) {
        val left = labelW + 6.dp.toPx()
        val top = labelH + 4.dp.toPx()
        val cellW = (size.width - left) / 24
        hourLabels.forEach { (h, l) -> drawText(l, topLeft = Offset(left + h * cellW, 0f)) }
        grid.forEachIndexed { d, row ->
            val y = top + d * rowH
            drawText(labels[d], topLeft = Offset(0f, y + (rowH - labels[d].size.height) / 2))
            row.forEachIndexed { h, n ->
                val color = if (n == 0u) empty else ink.copy(alpha = 0.25f + 0.75f * (n.toFloat() / most))
                cell(color, Offset(left + h * cellW + 1f, y + 1f), Size(cellW - 2f, rowH - 2f))
            }
        }
    }
}

private fun DrawScope.cell(color: Color, at: Offset, size: Size) = drawRoundRect(color, at, size, CornerRadius(2.dp.toPx()))

/** Mood by week on a scale of 1 to 5: a line through the weeks' means, with the scale's words at the left. */
@Composable
private fun MoodLine(moods: List<Float>, description: String) {
    val ink = MaterialTheme.colorScheme.primary
    val guide = MaterialTheme.colorScheme.outline.copy(alpha = 0.4f)
    val measurer = rememberTextMeasurer()
    val style = TextStyle(fontSize = MaterialTheme.typography.labelSmall.fontSize, color = MaterialTheme.colorScheme.onSurfaceVariant, fontFamily = MaterialTheme.typography.labelSmall.fontFamily)
    val labels = listOf(5, 3, 1).associateWith { measurer.measure(str("mood.$it"), style) }
    val density = LocalDensity.current
    val labelH = labels.values.maxOf { it.size.height }
    val height = with(density) { maxOf(120.dp.toPx(), labelH * 6f).toDp() }
    Canvas(Modifier.fillMaxWidth().height(height).testTag("mood_chart").semantics { contentDescription = description }) {
        val left = labels.values.maxOf { it.size.width } + 8.dp.toPx()
        val pad = maxOf(6.dp.toPx(), labelH / 2f)
        fun y(m: Float) = pad + (5f - m) / 4f * (size.height - 2 * pad)
        for (level in 1..5) drawLine(guide, Offset(left, y(level.toFloat())), Offset(size.width, y(level.toFloat())), 1.dp.toPx())
        labels.forEach { (level, l) -> drawText(l, topLeft = Offset(0f, y(level.toFloat()) - l.size.height / 2f)) }
        val inner = left + 6.dp.toPx()
        val step = if (moods.size > 1) (size.width - inner - 6.dp.toPx()) / (moods.size - 1) else 0f
        val points = moods.mapIndexed { n, m -> Offset(if (moods.size > 1) inner + n * step else (inner + size.width) / 2, y(m)) }
        points.zipWithNext { a, b -> drawLine(ink, a, b, 3.dp.toPx()) }
        points.forEach { drawCircle(ink, 5.dp.toPx(), it) }
    }
}

