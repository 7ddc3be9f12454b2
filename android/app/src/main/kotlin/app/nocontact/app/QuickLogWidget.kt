package app.nocontact.app

import android.app.PendingIntent
import android.appwidget.AppWidgetManager
import android.appwidget.AppWidgetProvider
import android.content.ComponentName
import android.content.Context
import android.content.Intent
import android.widget.RemoteViews
import app.nocontact.client.QuickLogWidgetPresenter
import app.nocontact.client.WidgetButton
import app.nocontact.client.WidgetStatus
import kotlinx.coroutines.runBlocking
import java.time.ZoneId

/**
 * The home-screen widget: three buttons — *They reached out*, *Urge*, *I'm
 * OK* — that write through the drop box without unlocking the app, and show
 * nothing but "Saved" ([QuickLogWidgetPresenter] holds what a press does).
 * Built on the framework's `AppWidgetProvider`/`RemoteViews` (Glance is a
 * Google artifact).
 */
class QuickLogWidget : AppWidgetProvider() {
    override fun onUpdate(context: Context, manager: AppWidgetManager, ids: IntArray) {
        manager.updateAppWidget(ids, views(context, null))
    }

    override fun onReceive(context: Context, intent: Intent) {
        val button = BUTTONS[intent.action]
        if (button == null) {
            super.onReceive(context, intent)
            return
        }
        val pending = goAsync()
        val app = context.applicationContext as NoContactApplication
        Thread {
            try {
                val status = runBlocking {
                    QuickLogWidgetPresenter(
                        app.vaultThread,
                        VaultLocation.vault(context).path,
                        ZoneId.systemDefault(),
                        VaultLocation.widgetPerson(context),
                    ).press(button)
                }
                val manager = AppWidgetManager.getInstance(context)
                val ids = manager.getAppWidgetIds(ComponentName(context, QuickLogWidget::class.java))
                manager.updateAppWidget(ids, views(context, status))
            } finally {
                pending.finish()
            }
        }.start()
    }

    private fun views(context: Context, status: WidgetStatus?): RemoteViews =
        RemoteViews(context.packageName, R.layout.widget_quick_log).apply {
            setOnClickPendingIntent(R.id.widget_reached_out, press(context, ACTION_REACHED_OUT))
            setOnClickPendingIntent(R.id.widget_urge, press(context, ACTION_URGE))
            setOnClickPendingIntent(R.id.widget_ok, press(context, ACTION_OK))
            val line = when (status) {
                null -> ""
                WidgetStatus.SAVED -> context.getString(R.string.widget_saved)
                WidgetStatus.CHOOSE_PERSON -> context.getString(R.string.widget_choose_person)
                WidgetStatus.NOT_SAVED -> context.getString(R.string.widget_not_saved)
            }
            setTextViewText(R.id.widget_status, line)
        }

    private fun press(context: Context, action: String): PendingIntent = PendingIntent.getBroadcast(
        context,
        action.hashCode(),
        Intent(context, QuickLogWidget::class.java).setAction(action),
        PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
    )

    private companion object {
        const val ACTION_REACHED_OUT = "app.notebook.widget.A"
        const val ACTION_URGE = "app.notebook.widget.U"
        const val ACTION_OK = "app.notebook.widget.O"
        val BUTTONS = mapOf(
            ACTION_REACHED_OUT to WidgetButton.THEY_REACHED_OUT,
            ACTION_URGE to WidgetButton.URGE,
            ACTION_OK to WidgetButton.IM_OK,
        )
    }
}
