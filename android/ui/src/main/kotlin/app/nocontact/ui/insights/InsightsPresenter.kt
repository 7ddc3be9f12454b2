package app.nocontact.ui.insights

import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.client.insights
import app.nocontact.client.listPeople
import app.nocontact.core.Insights
import app.nocontact.core.Person
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** The periods offered, in weeks (the core takes 1–104). */
val InsightsPeriods: List<UInt> = listOf(4u, 12u, 26u, 52u)

data class InsightsState(
    val loading: Boolean = true,
    val weeks: UInt = 12u,
    /** The person shown, or null for everyone. */
    val personId: String? = null,
    val people: List<Person> = emptyList(),
    val insights: Insights? = null,
    val problem: Boolean = false,
)

/**
 * Insights: urges resisted with their weekly bars and trend, the weekday ×
 * hour grid, their attempts per week with the "rising" flag and the counts
 * behind it, mood over time, boundaries kept; for a period and everyone or
 * one person [`insights`]. Every number comes from the core.
 */
class InsightsPresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    private val onBack: () -> Unit = {},
) {
    private val mutable = MutableStateFlow(InsightsState())
    val state: StateFlow<InsightsState> = mutable.asStateFlow()

    fun start() {
        scope.launch {
            val people = client.listPeople()
            if (people is Outcome.Ok) mutable.update { it.copy(people = people.value) }
            load()
        }
    }

    fun period(weeks: UInt) {
        mutable.update { it.copy(weeks = weeks) }
        scope.launch { load() }
    }

    fun person(id: String?) {
        mutable.update { it.copy(personId = id) }
        scope.launch { load() }
    }

    private suspend fun load() {
        val asked = mutable.value
        when (val i = client.insights(asked.weeks, asked.personId)) {
            is Outcome.Ok -> mutable.update {
                // The choice changed while this loaded: its own load follows.
                if (it.weeks != asked.weeks || it.personId != asked.personId) return@update it
                it.copy(loading = false, insights = i.value, problem = false)
            }
            is Outcome.Err -> mutable.update { it.copy(loading = false, problem = true) }
        }
    }

    fun back() = onBack()
}
