package app.nocontact.ui.strings

import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.runtime.staticCompositionLocalOf
import org.w3c.dom.Element
import java.io.InputStream
import javax.xml.parsers.DocumentBuilderFactory

/**
 * The app's words, looked up by key: the core's stable ids where it has them
 * (`prompt.*`, plan sections, enum values) and `screen_element` names
 * otherwise. On Android the app provides them from its resources; on the JVM
 * [XmlStrings] reads the same `res/values/strings.xml`.
 */
interface Strings {
    /** The string [key], formatted with [args] (`%1$s`, `%1$d`); the key itself if missing. */
    fun get(key: String, vararg args: Any): String

    /** The quantity string [key] for [count] (its `one` or `other` form), formatted with [args]. */
    fun plural(key: String, count: Int, vararg args: Any): String

    /** Whether [key] exists (the core's English text is shown for ids the app has no words for). */
    fun has(key: String): Boolean
}

val LocalStrings = staticCompositionLocalOf<Strings> { error("no Strings provided") }

/** The string [key] from [LocalStrings]. */
@Composable
@ReadOnlyComposable
fun str(key: String, vararg args: Any): String = LocalStrings.current.get(key, *args)

@Composable
@ReadOnlyComposable
fun plural(key: String, count: Int, vararg args: Any): String = LocalStrings.current.plural(key, count, *args)

/** `strings.xml` parsed: `<string name>` and `<plurals name>` with `one`/`other` items (English rules). */
class XmlStrings(private val strings: Map<String, String>, private val plurals: Map<String, Map<String, String>>) : Strings {
    override fun get(key: String, vararg args: Any): String {
        val text = strings[key] ?: return key
        return if (args.isEmpty()) text else String.format(text, *args)
    }

    override fun plural(key: String, count: Int, vararg args: Any): String {
        val forms = plurals[key] ?: return key
        val text = (if (count == 1) forms["one"] else null) ?: forms["other"] ?: return key
        return String.format(text, *args)
    }

    override fun has(key: String): Boolean = key in strings

    val size: Int get() = strings.size + plurals.size

    companion object {
        /** Parses Android's `strings.xml` format (entities are not expanded; DTDs refused). */
        fun parse(input: InputStream): XmlStrings {
            val factory = DocumentBuilderFactory.newInstance()
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)
            val doc = factory.newDocumentBuilder().parse(input)
            val strings = LinkedHashMap<String, String>()
            val plurals = LinkedHashMap<String, Map<String, String>>()
            val stringNodes = doc.getElementsByTagName("string")
            for (i in 0 until stringNodes.length) {
                val e = stringNodes.item(i) as Element
                strings[e.getAttribute("name")] = unescape(e.textContent)
            }
            val pluralNodes = doc.getElementsByTagName("plurals")
            for (i in 0 until pluralNodes.length) {
                val e = pluralNodes.item(i) as Element
                val items = e.getElementsByTagName("item")
                val forms = LinkedHashMap<String, String>()
                for (j in 0 until items.length) {
                    val item = items.item(j) as Element
                    forms[item.getAttribute("quantity")] = unescape(item.textContent)
                }
                plurals[e.getAttribute("name")] = forms
            }
            return XmlStrings(strings, plurals)
        }

        /** The JVM's copy: `values/strings.xml` on the classpath. */
        fun fromClasspath(): XmlStrings {
            val stream = XmlStrings::class.java.classLoader.getResourceAsStream("values/strings.xml")
                ?: error("values/strings.xml is not on the classpath")
            return stream.use { parse(it) }
        }

        /** Android's escapes: `\'`, `\"`, `\n`, `\@`, `\?`. */
        private fun unescape(s: String): String {
            val out = StringBuilder(s.length)
            var i = 0
            val t = s.trim()
            while (i < t.length) {
                val c = t[i]
                if (c == '\\' && i + 1 < t.length) {
                    val n = t[i + 1]
                    out.append(if (n == 'n') '\n' else n)
                    i += 2
                } else {
                    out.append(c)
                    i++
                }
            }
            return out.toString()
        }
    }
}
