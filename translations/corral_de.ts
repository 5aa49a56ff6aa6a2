<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActivityWindow</name>
    <message>
        <source>Activity – Corral</source>
        <translation>Aktivität – Corral</translation>
    </message>
    <message>
        <source>Nothing is using Ollama through Corral right now.</source>
        <translation>Gerade nutzt niemand Ollama über Corral.</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Verstrichen</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation>Letzte Anfragen</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation>Eingabe-Tokens</translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation>Ausgabe-Tokens</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Summen</translation>
    </message>
    <message>
        <source>Requests today</source>
        <translation>Anfragen heute</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>Tokens heute</translation>
    </message>
    <message>
        <source>Requests, 30 days</source>
        <translation>Anfragen, 30 Tage</translation>
    </message>
    <message>
        <source>Tokens, 30 days</source>
        <translation>Tokens, 30 Tage</translation>
    </message>
</context>
<context>
    <name>ChatSettingsDialog</name>
    <message>
        <source>Chat settings</source>
        <translation>Chat-Einstellungen</translation>
    </message>
    <message>
        <source>&amp;System prompt:</source>
        <translation>&amp;Systemprompt:</translation>
    </message>
    <message>
        <source>Instructions the model reads before the conversation, for example &quot;Answer briefly.&quot;</source>
        <translation>Anweisungen, die das Modell vor dem Gespräch liest, zum Beispiel „Antworte kurz.“</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>&amp;Temperatur:</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Vorgabe des Modells</translation>
    </message>
    <message>
        <source>&amp;Context length:</source>
        <translation>&amp;Kontextlänge:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>Use these settings for new chats</source>
        <translation>Diese Einstellungen für neue Chats verwenden</translation>
    </message>
</context>
<context>
    <name>ConnectionErrorPanel</name>
    <message>
        <source>Server connection error</source>
        <translation>Verbindungsfehler zum Server</translation>
    </message>
    <message>
        <source>What to check:</source>
        <translation>Was Sie prüfen können:</translation>
    </message>
    <message>
        <source>Corral checks again by itself and continues as soon as Ollama answers.</source>
        <translation>Corral prüft von selbst erneut und macht weiter, sobald Ollama antwortet.</translation>
    </message>
    <message>
        <source>Open Preferences…</source>
        <translation>Einstellungen öffnen…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
</context>
<context>
    <name>Corral</name>
    <message>
        <source>a readable PEM file</source>
        <translation>eine lesbare PEM-Datei</translation>
    </message>
    <message>
        <source>a whole number of at least 1</source>
        <translation>eine ganze Zahl ab 1</translation>
    </message>
    <message>
        <source>1 or 0 (true or false)</source>
        <translation>1 oder 0 (true oder false)</translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; may not use the model &quot;%2&quot;. It may use: %3.</source>
        <translation>Der API-Schlüssel „%1“ darf das Modell „%2“ nicht verwenden. Erlaubt sind: %3.</translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; already has %2 requests in flight, its limit. Retry when one has ended.</source>
        <translation>Der API-Schlüssel „%1“ hat bereits %2 laufende Anfragen und damit seine Grenze erreicht. Versuchen Sie es erneut, wenn eine beendet ist.</translation>
    </message>
</context>
<context>
    <name>Corral::AccessControl</name>
    <message>
        <source>This server only answers requests addressed to localhost or 127.0.0.1 on its own port.</source>
        <translation>Dieser Server beantwortet nur Anfragen an localhost oder 127.0.0.1 auf seinem eigenen Port.</translation>
    </message>
    <message>
        <source>Requests from %1 are not allowed.</source>
        <translation>Anfragen von %1 sind nicht erlaubt.</translation>
    </message>
    <message>
        <source>Too many failed sign-in attempts from this address. Try again in %1 minutes.</source>
        <translation>Zu viele fehlgeschlagene Anmeldeversuche von dieser Adresse. Versuchen Sie es in %1 Minuten erneut.</translation>
    </message>
    <message>
        <source>Requests from %1 are not allowed. Add it to the allowed origins in Preferences.</source>
        <translation>Anfragen von %1 sind nicht erlaubt. Fügen Sie den Ursprung in den Einstellungen zu den erlaubten Ursprüngen hinzu.</translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; has the chat scope, which cannot use %2. Use a key with the full scope.</source>
        <translation>Der API-Schlüssel „%1“ hat den Bereich „chat“, der %2 nicht verwenden darf. Verwenden Sie einen Schlüssel mit vollem Bereich.</translation>
    </message>
    <message>
        <source>The token or API key is not valid.</source>
        <translation>Das Token oder der API-Schlüssel ist ungültig.</translation>
    </message>
    <message>
        <source>Cross-site request refused.</source>
        <translation>Websiteübergreifende Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The request carries two different credentials (Authorization and x-api-key). Send one.</source>
        <translation>Die Anfrage enthält zwei verschiedene Zugangsdaten (Authorization und x-api-key). Senden Sie nur eine der beiden Angaben.</translation>
    </message>
    <message>
        <source>API keys only open /ollama. Only the owner token or a signed-in browser may read or change the chats; the API key &quot;%1&quot; cannot use %2.</source>
        <translation>API-Schlüssel öffnen nur /ollama. Nur das Besitzertoken oder ein angemeldeter Browser darf die Chats lesen oder ändern; der API-Schlüssel „%1“ kann %2 nicht verwenden.</translation>
    </message>
    <message>
        <source>API keys cannot use Ollama&apos;s account routes (%1): they act as the owner&apos;s ollama.com account. Use the owner token.</source>
        <translation>API-Schlüssel können die Konto-Routen von Ollama (%1) nicht verwenden: Diese handeln im Namen des ollama.com-Kontos des Besitzers. Verwenden Sie das Besitzertoken.</translation>
    </message>
    <message>
        <source>This browser tab has no key for its session: sign in again.</source>
        <translation>Dieser Browsertab hat keinen Schlüssel für seine Sitzung: Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Authentication required: send &quot;Authorization: Bearer &lt;token&gt;&quot; or &quot;x-api-key: &lt;key&gt;&quot; (see corral --print-token) or sign in at /.</source>
        <translation>Authentifizierung erforderlich: Senden Sie „Authorization: Bearer &lt;Token&gt;“ oder „x-api-key: &lt;Schlüssel&gt;“ (siehe corral --print-token) oder melden Sie sich unter / an.</translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; expired on %2. The owner can set a new expiry date in Preferences &gt; Local server or with --edit-api-key.</source>
        <translation>Der API-Schlüssel „%1“ ist am %2 abgelaufen. Der Besitzer kann unter Einstellungen &gt; Lokaler Server oder mit --edit-api-key ein neues Ablaufdatum festlegen.</translation>
    </message>
</context>
<context>
    <name>Corral::AccessGate</name>
    <message>
        <source>That sign-in link or token is not valid (links work once, for 60 seconds).</source>
        <translation>Dieser Anmeldelink oder dieses Token ist ungültig (Links gelten einmal und 60 Sekunden lang).</translation>
    </message>
    <message>
        <source>Use POST.</source>
        <translation>Verwenden Sie POST.</translation>
    </message>
    <message>
        <source>That token is not valid.</source>
        <translation>Dieses Token ist ungültig.</translation>
    </message>
    <message>
        <source>Cross-site request refused.</source>
        <translation>Websiteübergreifende Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>No such file.</source>
        <translation>Diese Datei gibt es nicht.</translation>
    </message>
    <message>
        <source>Sign-in links work only when opened directly (typed, pasted or from Corral), not from another web site.</source>
        <translation>Anmeldelinks funktionieren nur, wenn sie direkt geöffnet werden (eingetippt, eingefügt oder aus Corral), nicht von einer anderen Website aus.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>This session&apos;s key was already handed to a page.</source>
        <translation>Der Schlüssel dieser Sitzung wurde bereits an eine Seite übergeben.</translation>
    </message>
</context>
<context>
    <name>Corral::ActivityApi</name>
    <message>
        <source>Use GET.</source>
        <translation>Verwenden Sie GET.</translation>
    </message>
    <message>
        <source>Use POST.</source>
        <translation>Verwenden Sie POST.</translation>
    </message>
    <message>
        <source>Request %1 is not in flight.</source>
        <translation>Die Anfrage %1 läuft nicht.</translation>
    </message>
    <message>
        <source>Unknown API path. See /api/v1/activity.</source>
        <translation>Unbekannter API-Pfad. Siehe /api/v1/activity.</translation>
    </message>
</context>
<context>
    <name>Corral::ActivityWindow</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Owner token</source>
        <translation>Besitzertoken</translation>
    </message>
    <message>
        <source>Owner token (%1)</source>
        <translation>Besitzertoken (%1)</translation>
    </message>
    <message>
        <source>Key “%1”</source>
        <translation>Schlüssel „%1“</translation>
    </message>
    <message>
        <source>Key “%1” (%2)</source>
        <translation>Schlüssel „%1“ (%2)</translation>
    </message>
    <message>
        <source>Browser session %1</source>
        <translation>Browsersitzung %1</translation>
    </message>
    <message>
        <source>Browser %1 (session %2)</source>
        <translation>Browser %1 (Sitzung %2)</translation>
    </message>
    <message>
        <source>Nothing is using Ollama through Corral right now.</source>
        <translation>Gerade nutzt niemand Ollama über Corral.</translation>
    </message>
    <message>
        <source>1 request in flight through Corral&apos;s local server.</source>
        <translation>1 laufende Anfrage über den lokalen Server von Corral.</translation>
    </message>
    <message>
        <source>%1 requests in flight through Corral&apos;s local server.</source>
        <translation>%1 laufende Anfragen über den lokalen Server von Corral.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>End this request: Ollama stops generating and the client gets the end of its answer.</source>
        <translation>Diese Anfrage beenden: Ollama hört auf zu generieren, und der Client erhält das Ende seiner Antwort.</translation>
    </message>
    <message>
        <source>%1, stopped</source>
        <translation>%1, angehalten</translation>
    </message>
</context>
<context>
    <name>Corral::ApiKeyStore</name>
    <message>
        <source>A key name has 1 to 64 letters, digits, spaces, dots, dashes or underscores.</source>
        <translation>Ein Schlüsselname besteht aus 1 bis 64 Buchstaben, Ziffern, Leerzeichen, Punkten, Binde- oder Unterstrichen.</translation>
    </message>
    <message>
        <source>There is already a key named &quot;%1&quot;.</source>
        <translation>Es gibt bereits einen Schlüssel namens „%1“.</translation>
    </message>
    <message>
        <source>There is no key named &quot;%1&quot;.</source>
        <translation>Es gibt keinen Schlüssel namens „%1“.</translation>
    </message>
</context>
<context>
    <name>Corral::AppearancePage</name>
    <message>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Chat &amp;font size:</source>
        <translation>&amp;Schriftgröße im Chat:</translation>
    </message>
</context>
<context>
    <name>Corral::AttachmentBar</name>
    <message>
        <source>%1 is larger than 20 MB: Corral sends images up to 20 MB.</source>
        <translation>%1 ist größer als 20 MB: Corral sendet Bilder bis 20 MB.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>%1 is not an image Corral can send.</source>
        <translation>%1 ist kein Bild, das Corral senden kann.</translation>
    </message>
    <message>
        <source>Pasted image.png</source>
        <translation>Eingefügtes Bild.png</translation>
    </message>
    <message>
        <source>The pasted image could not be read.</source>
        <translation>Das eingefügte Bild ließ sich nicht lesen.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · reading…</source>
        <translation>%1 · wird gelesen…</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
</context>
<context>
    <name>Corral::Attachments</name>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 ist keine Datei.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2: Corral attaches PDFs up to %2.</source>
        <translation>%1 ist größer als %2: Corral hängt PDFs bis %2 an.</translation>
    </message>
    <message>
        <source>%1 is larger than %2: Corral attaches text files up to %2.</source>
        <translation>%1 ist größer als %2: Corral hängt Textdateien bis %2 an.</translation>
    </message>
    <message>
        <source>%1 is a binary file: Corral attaches text, code and PDF files.</source>
        <translation>%1 ist eine Binärdatei: Corral hängt Text-, Code- und PDF-Dateien an.</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text: Corral attaches text, code and PDF files.</source>
        <translation>%1 ist kein UTF-8-Text: Corral hängt Text-, Code- und PDF-Dateien an.</translation>
    </message>
    <message>
        <source>%1 is not a PDF Corral can read.</source>
        <translation>%1 ist kein PDF, das Corral lesen kann.</translation>
    </message>
    <message>
        <source>%1 is encrypted: Corral cannot read a PDF that needs a password.</source>
        <translation>%1 ist verschlüsselt: Corral kann kein PDF lesen, das ein Passwort erfordert.</translation>
    </message>
    <message>
        <source>%1 has %2 pages: Corral attaches PDFs of up to %3 pages.</source>
        <translation>%1 hat %2 Seiten: Corral hängt PDFs mit bis zu %3 Seiten an.</translation>
    </message>
    <message>
        <source>The text of %1 is longer than a message can carry (%2 characters).</source>
        <translation>Der Text von %1 ist länger, als eine Nachricht fassen kann (%2 Zeichen).</translation>
    </message>
    <message>
        <source>%1 has no text to read (a scanned PDF?).</source>
        <translation>%1 enthält keinen lesbaren Text (ein gescanntes PDF?).</translation>
    </message>
    <message>
        <source>The attached files hold %1 characters of text; a message can carry %2.</source>
        <translation>Die angehängten Dateien enthalten %1 Zeichen Text; eine Nachricht fasst %2.</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 Seite</translation>
    </message>
    <message>
        <source>%n pages</source>
        <translation>%n Seiten</translation>
    </message>
    <message>
        <source>&quot;attachments&quot; must be a list.</source>
        <translation>„attachments“ muss eine Liste sein.</translation>
    </message>
    <message>
        <source>Each attachment needs a &quot;name&quot;, a &quot;text&quot; and a &quot;kind&quot; (text or pdf).</source>
        <translation>Jeder Anhang braucht „name“, „text“ und „kind“ (text oder pdf).</translation>
    </message>
</context>
<context>
    <name>Corral::ChatListModel</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
</context>
<context>
    <name>Corral::ChatReply</name>
    <message>
        <source>Ollama answered with status %1.</source>
        <translation>Ollama antwortete mit Status %1.</translation>
    </message>
</context>
<context>
    <name>Corral::ChatStore</name>
    <message>
        <source>Cannot open the chat history %1: %2</source>
        <translation>Der Chatverlauf %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>%1 is not a Corral chat history (%2).</source>
        <translation>%1 ist kein Chatverlauf von Corral (%2).</translation>
    </message>
    <message>
        <source>The chat history %1 was written by a newer Corral (schema %2; this one knows %3). It was left untouched.</source>
        <translation>Der Chatverlauf %1 wurde von einem neueren Corral geschrieben (Schema %2; diese Version kennt %3). Er wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Cannot update the chat history %1: %2</source>
        <translation>Der Chatverlauf %1 lässt sich nicht aktualisieren: %2</translation>
    </message>
</context>
<context>
    <name>Corral::ChatTranscript</name>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Model: %1 · Started %2</source>
        <translation>Modell: %1 · Begonnen %2</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>Assistant (%1)</source>
        <translation>Assistent (%1)</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Überlegungen</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) attached</source>
        <translation>
            <numerusform>%n Bild angehängt</numerusform>
            <numerusform>%n Bilder angehängt</numerusform>
        </translation>
    </message>
    <message>
        <source>(stopped)</source>
        <translation>(angehalten)</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>The file is larger than %1 MB.</source>
        <translation>Die Datei ist größer als %1 MB.</translation>
    </message>
    <message>
        <source>The file is not valid JSON: %1 (at byte %2).</source>
        <translation>Die Datei ist kein gültiges JSON: %1 (bei Byte %2).</translation>
    </message>
    <message>
        <source>The file is not a Corral chat export (its &quot;format&quot; is not &quot;corral-chat&quot;).</source>
        <translation>Die Datei ist kein Chat-Export von Corral (ihr „format“ ist nicht „corral-chat“).</translation>
    </message>
    <message>
        <source>The file uses export version %1; this Corral reads version %2.</source>
        <translation>Die Datei verwendet Exportversion %1; dieses Corral liest Version %2.</translation>
    </message>
    <message>
        <source>The file has no &quot;messages&quot; list.</source>
        <translation>Die Datei enthält keine Liste „messages“.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be text.</source>
        <translation>„%1“ muss Text sein.</translation>
    </message>
    <message>
        <source>Message %1 has no valid role (user, assistant or system).</source>
        <translation>Nachricht %1 hat keine gültige Rolle (user, assistant oder system).</translation>
    </message>
    <message>
        <source>Message %1 has no text content.</source>
        <translation>Nachricht %1 hat keinen Textinhalt.</translation>
    </message>
    <message>
        <source>Message %1: &quot;images&quot; must be a list.</source>
        <translation>Nachricht %1: „images“ muss eine Liste sein.</translation>
    </message>
    <message>
        <source>Message %1 has an image that is not base64.</source>
        <translation>Nachricht %1 enthält ein Bild, das nicht in Base64 vorliegt.</translation>
    </message>
    <message>
        <source>Tool call: %1</source>
        <translation>Werkzeugaufruf: %1</translation>
    </message>
    <message>
        <source>Message %1: &quot;tool_calls&quot; must be a list of {&quot;function&quot;: {&quot;name&quot;, &quot;arguments&quot;}}.</source>
        <translation>Nachricht %1: „tool_calls“ muss eine Liste von {&quot;function&quot;: {&quot;name&quot;, &quot;arguments&quot;}} sein.</translation>
    </message>
    <message>
        <source>Attached: %1 (%2)</source>
        <translation>Angehängt: %1 (%2)</translation>
    </message>
    <message>
        <source>Message %1: %2</source>
        <translation>Nachricht %1: %2</translation>
    </message>
    <message>
        <source>The chat no longer exists.</source>
        <translation>Der Chat existiert nicht mehr.</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>die Datei ist zu groß</translation>
    </message>
</context>
<context>
    <name>Corral::ConfigValidation</name>
    <message>
        <source>an http:// or https:// address such as http://127.0.0.1:11434 or http://192.168.1.1:11434</source>
        <translation>eine http://- oder https://-Adresse wie http://127.0.0.1:11434 oder http://192.168.1.1:11434</translation>
    </message>
    <message>
        <source>a whole number of seconds from 0 to 2073600 (0 means no limit)</source>
        <translation>eine ganze Zahl von Sekunden zwischen 0 und 2073600 (0 bedeutet keine Grenze)</translation>
    </message>
    <message>
        <source>a port number from 0 to 65535 (0 picks any free port)</source>
        <translation>eine Portnummer zwischen 0 und 65535 (0 wählt einen freien Port)</translation>
    </message>
    <message>
        <source>an IP address such as 127.0.0.1, ::1 or 0.0.0.0</source>
        <translation>eine IP-Adresse wie 127.0.0.1, ::1 oder 0.0.0.0</translation>
    </message>
    <message>
        <source>a size in bytes greater than 0, optionally with K, M or G (for example 100M)</source>
        <translation>eine Größe in Byte über 0, wahlweise mit K, M oder G (zum Beispiel 100M)</translation>
    </message>
</context>
<context>
    <name>Corral::ConversationView</name>
    <message>
        <source>Start a conversation</source>
        <translation>Beginnen Sie ein Gespräch</translation>
    </message>
    <message>
        <source>Type a message below. Chats are kept on this computer.</source>
        <translation>Schreiben Sie unten eine Nachricht. Chats bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>Assistant · %1</source>
        <translation>Assistent · %1</translation>
    </message>
    <message>
        <source>Hide thinking</source>
        <translation>Überlegungen ausblenden</translation>
    </message>
    <message>
        <source>Show thinking</source>
        <translation>Überlegungen anzeigen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <source>Tool call: %1</source>
        <translation>Werkzeugaufruf: %1</translation>
    </message>
    <message>
        <source>Loading %1 messages…</source>
        <translation>%1 Nachrichten werden geladen…</translation>
    </message>
</context>
<context>
    <name>Corral::Credentials</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 lässt sich nicht schreiben: %2</translation>
    </message>
    <message>
        <source>Cannot create the directory %1.</source>
        <translation>Der Ordner %1 lässt sich nicht anlegen.</translation>
    </message>
    <message>
        <source>The data directory %1 is a symbolic link, which Corral does not follow. Use the directory it points to with --data-dir or CORRAL_DATA_DIR.</source>
        <translation>Der Datenordner %1 ist ein symbolischer Link, dem Corral nicht folgt. Verwenden Sie den Ordner, auf den er zeigt, mit --data-dir oder CORRAL_DATA_DIR.</translation>
    </message>
    <message>
        <source>The data directory %1 is not a directory. Remove it or choose another one with --data-dir or CORRAL_DATA_DIR.</source>
        <translation>Der Datenordner %1 ist kein Ordner. Entfernen Sie ihn oder wählen Sie mit --data-dir oder CORRAL_DATA_DIR einen anderen.</translation>
    </message>
    <message>
        <source>The data directory %1 belongs to another user (uid %2). Use a directory of your own with --data-dir or CORRAL_DATA_DIR.</source>
        <translation>Der Datenordner %1 gehört einem anderen Benutzer (UID %2). Verwenden Sie mit --data-dir oder CORRAL_DATA_DIR einen eigenen Ordner.</translation>
    </message>
    <message>
        <source>The data directory %1 can be written by other users (mode %2). Run &quot;chmod 700 %1&quot; or choose another one with --data-dir or CORRAL_DATA_DIR.</source>
        <translation>Der Datenordner %1 ist für andere Benutzer beschreibbar (Modus %2). Führen Sie „chmod 700 %1“ aus oder wählen Sie mit --data-dir oder CORRAL_DATA_DIR einen anderen.</translation>
    </message>
</context>
<context>
    <name>Corral::CredentialsCommands</name>
    <message>
        <source>Print the owner token and exit.</source>
        <translation>Das Besitzertoken ausgeben und beenden.</translation>
    </message>
    <message>
        <source>Replace the owner token (ends every browser session) and exit.</source>
        <translation>Das Besitzertoken ersetzen (beendet alle Browsersitzungen) und beenden.</translation>
    </message>
    <message>
        <source>Print a one-time sign-in link (valid 60 s) for the running instance and exit.</source>
        <translation>Einen einmaligen Anmeldelink (60 s gültig) für die laufende Instanz ausgeben und beenden.</translation>
    </message>
    <message>
        <source>Create an API key named NAME, print it once, and exit.</source>
        <translation>Einen API-Schlüssel namens NAME anlegen, einmal ausgeben und beenden.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Scope of a new API key: chat (default) or full.</source>
        <translation>Bereich eines neuen API-Schlüssels: chat (Vorgabe) oder full.</translation>
    </message>
    <message>
        <source>SCOPE</source>
        <translation>BEREICH</translation>
    </message>
    <message>
        <source>List the API keys and exit.</source>
        <translation>Die API-Schlüssel auflisten und beenden.</translation>
    </message>
    <message>
        <source>Revoke the API key named NAME and exit.</source>
        <translation>Den API-Schlüssel namens NAME widerrufen und beenden.</translation>
    </message>
    <message>
        <source>The owner token was replaced; browsers must sign in again.</source>
        <translation>Das Besitzertoken wurde ersetzt; Browser müssen sich neu anmelden.</translation>
    </message>
    <message>
        <source>No running Corral uses the data directory %1. Start it first.</source>
        <translation>Kein laufendes Corral verwendet den Datenordner %1. Starten Sie es zuerst.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --scope: expected chat or full.</source>
        <translation>Ungültiger Wert „%1“ für --scope: erwartet wird chat oder full.</translation>
    </message>
    <message>
        <source>Keep this key safe: it is shown only once.</source>
        <translation>Bewahren Sie diesen Schlüssel sicher auf: Er wird nur einmal angezeigt.</translation>
    </message>
    <message>
        <source>Revoked.</source>
        <translation>Widerrufen.</translation>
    </message>
    <message>
        <source>A new chat key may use ollama.com cloud models (full keys may already).</source>
        <translation>Ein neuer Chat-Schlüssel darf Cloud-Modelle von ollama.com verwenden (Schlüssel mit vollem Bereich dürfen das bereits).</translation>
    </message>
    <message>
        <source>--allow-cloud is for chat keys: keys with the full scope may use cloud models already.</source>
        <translation>--allow-cloud gilt für Chat-Schlüssel: Schlüssel mit vollem Bereich dürfen Cloud-Modelle bereits verwenden.</translation>
    </message>
    <message>
        <source>Models a new or edited API key may use: names or name:* patterns, comma-separated (&quot;*&quot; or empty: every model).</source>
        <translation>Modelle, die ein neuer oder geänderter API-Schlüssel verwenden darf: Namen oder Muster name:*, kommagetrennt („*“ oder leer: alle Modelle).</translation>
    </message>
    <message>
        <source>LIST</source>
        <translation>LISTE</translation>
    </message>
    <message>
        <source>At most N requests of a new or edited API key at once (0: no limit).</source>
        <translation>Höchstens N gleichzeitige Anfragen eines neuen oder geänderten API-Schlüssels (0: keine Grenze).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>A new or edited API key stops working at DATE (YYYY-MM-DD or an ISO date and time; &quot;never&quot; clears it).</source>
        <translation>Ein neuer oder geänderter API-Schlüssel funktioniert ab DATUM nicht mehr (JJJJ-MM-TT oder ein ISO-Datum mit Uhrzeit; „never“ entfernt das Ablaufdatum).</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATUM</translation>
    </message>
    <message>
        <source>Change the limits (--models, --max-in-flight, --expires) of the API key named NAME and exit.</source>
        <translation>Die Beschränkungen (--models, --max-in-flight, --expires) des API-Schlüssels namens NAME ändern und beenden.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --max-in-flight: expected a number, 0 for no limit.</source>
        <translation>Ungültiger Wert „%1“ für --max-in-flight: erwartet wird eine Zahl, 0 für keine Grenze.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --expires: expected YYYY-MM-DD, an ISO date and time, or never.</source>
        <translation>Ungültiger Wert „%1“ für --expires: erwartet wird JJJJ-MM-TT, ein ISO-Datum mit Uhrzeit oder never.</translation>
    </message>
    <message>
        <source>There is no key named &quot;%1&quot;.</source>
        <translation>Es gibt keinen Schlüssel namens „%1“.</translation>
    </message>
    <message>
        <source>Limits of &quot;%1&quot;: %2</source>
        <translation>Beschränkungen von „%1“: %2</translation>
    </message>
</context>
<context>
    <name>Corral::GuardedTcpServer</name>
    <message>
        <source>The request headers took too long to arrive.</source>
        <translation>Die Header der Anfrage kamen nicht rechtzeitig an.</translation>
    </message>
    <message>
        <source>The request body stopped arriving.</source>
        <translation>Die Übertragung des Anfrageinhalts ist stehen geblieben.</translation>
    </message>
    <message>
        <source>Too many connections to Corral at once. Try again in a moment.</source>
        <translation>Zu viele gleichzeitige Verbindungen zu Corral. Versuchen Sie es gleich noch einmal.</translation>
    </message>
</context>
<context>
    <name>Corral::HistoryApi</name>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>Der Anfrageinhalt muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>Unknown API path. See /api/v1/chats.</source>
        <translation>Unbekannter API-Pfad. Siehe /api/v1/chats.</translation>
    </message>
    <message>
        <source>The chat could not be stored.</source>
        <translation>Der Chat konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Use GET or POST.</source>
        <translation>Verwenden Sie GET oder POST.</translation>
    </message>
    <message>
        <source>There is no chat %1.</source>
        <translation>Es gibt keinen Chat %1.</translation>
    </message>
    <message>
        <source>Use GET, PATCH or DELETE.</source>
        <translation>Verwenden Sie GET, PATCH oder DELETE.</translation>
    </message>
    <message>
        <source>&quot;role&quot; must be user, assistant or system.</source>
        <translation>„role“ muss user, assistant oder system sein.</translation>
    </message>
    <message>
        <source>&quot;content&quot; must be text.</source>
        <translation>„content“ muss Text sein.</translation>
    </message>
    <message>
        <source>The message could not be stored.</source>
        <translation>Die Nachricht konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Say from which position to delete: ?from=N.</source>
        <translation>Geben Sie an, ab welcher Position gelöscht werden soll: ?from=N.</translation>
    </message>
    <message>
        <source>The messages could not be deleted.</source>
        <translation>Die Nachrichten konnten nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Use POST or DELETE.</source>
        <translation>Verwenden Sie POST oder DELETE.</translation>
    </message>
    <message>
        <source>Use DELETE.</source>
        <translation>Verwenden Sie DELETE.</translation>
    </message>
    <message>
        <source>There is no message %1 in this chat.</source>
        <translation>In diesem Chat gibt es keine Nachricht %1.</translation>
    </message>
    <message>
        <source>The message could not be deleted.</source>
        <translation>Die Nachricht konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Use GET.</source>
        <translation>Verwenden Sie GET.</translation>
    </message>
    <message>
        <source>Use POST with the file as the body.</source>
        <translation>Verwenden Sie POST mit der Datei als Anfrageinhalt.</translation>
    </message>
    <message>
        <source>Say the file&apos;s name: ?name=&lt;file name&gt;.</source>
        <translation>Geben Sie den Dateinamen an: ?name=&lt;Dateiname&gt;.</translation>
    </message>
</context>
<context>
    <name>Corral::HttpResponseParser</name>
    <message>
        <source>Ollama&apos;s response headers are larger than 64 KiB</source>
        <translation>Die Antwort-Header von Ollama sind größer als 64 KiB</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer is not a valid HTTP response</source>
        <translation>Die Antwort von Ollama ist keine gültige HTTP-Antwort</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer uses obsolete folded headers</source>
        <translation>Die Antwort von Ollama verwendet veraltete gefaltete Header</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer has a malformed header line</source>
        <translation>Die Antwort von Ollama enthält eine fehlerhafte Header-Zeile</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer has too many headers</source>
        <translation>Die Antwort von Ollama enthält zu viele Header</translation>
    </message>
    <message>
        <source>Ollama switched protocols unexpectedly</source>
        <translation>Ollama hat unerwartet das Protokoll gewechselt</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer has an invalid Content-Length</source>
        <translation>Die Antwort von Ollama hat einen ungültigen Content-Length-Header</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer has a malformed chunk</source>
        <translation>Die Antwort von Ollama enthält einen fehlerhaften Chunk</translation>
    </message>
    <message>
        <source>the connection closed before the answer was complete</source>
        <translation>die Verbindung wurde geschlossen, bevor die Antwort vollständig war</translation>
    </message>
    <message>
        <source>the connection closed before Ollama answered</source>
        <translation>die Verbindung wurde geschlossen, bevor Ollama antwortete</translation>
    </message>
</context>
<context>
    <name>Corral::InstalledModelsModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>Corral::KeyLimits</name>
    <message>
        <source>&quot;%1&quot; is not a model name or a name:* pattern.</source>
        <translation>„%1“ ist weder ein Modellname noch ein Muster name:*.</translation>
    </message>
</context>
<context>
    <name>Corral::KeyLimitsDialog</name>
    <message numerus="yes">
        <source>%n at once</source>
        <translation>
            <numerusform>%n gleichzeitig</numerusform>
            <numerusform>%n gleichzeitig</numerusform>
        </translation>
    </message>
    <message>
        <source>expired %1</source>
        <translation>abgelaufen am %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>bis %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>Corral::LanguagePage</name>
    <message>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language is used the next time Corral starts.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von Corral.</translation>
    </message>
</context>
<context>
    <name>Corral::LocalServer</name>
    <message>
        <source>Nothing here. The Ollama API is under /ollama, for example /ollama/api/tags.</source>
        <translation>Hier ist nichts. Die Ollama-API liegt unter /ollama, zum Beispiel /ollama/api/tags.</translation>
    </message>
    <message>
        <source>TLS needs both a certificate (--tls-cert) and a private key (--tls-key).</source>
        <translation>TLS braucht sowohl ein Zertifikat (--tls-cert) als auch einen privaten Schlüssel (--tls-key).</translation>
    </message>
    <message>
        <source>Cannot read a PEM certificate from %1.</source>
        <translation>Aus %1 lässt sich kein PEM-Zertifikat lesen.</translation>
    </message>
    <message>
        <source>Cannot read the private key %1: %2</source>
        <translation>Der private Schlüssel %1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>%1 does not hold an unencrypted PEM private key.</source>
        <translation>%1 enthält keinen unverschlüsselten privaten PEM-Schlüssel.</translation>
    </message>
    <message>
        <source>Port %1 on %2 is already in use. Pick another port with --port N (0 picks any free port), CORRAL_PORT or Preferences &gt; Local server, or stop the program that uses it.</source>
        <translation>Port %1 auf %2 ist bereits belegt. Wählen Sie einen anderen Port mit --port N (0 wählt einen freien Port), CORRAL_PORT oder Einstellungen &gt; Lokaler Server, oder beenden Sie das Programm, das ihn verwendet.</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation>Auf %1 Port %2 kann nicht gelauscht werden: %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address to listen on.</source>
        <translation>„%1“ ist keine IP-Adresse, auf der gelauscht werden kann.</translation>
    </message>
    <message>
        <source>The local server accepts connections from other devices on %1. Without TLS (--tls-cert, --tls-key), tokens and chats cross the network unencrypted.</source>
        <translation>Der lokale Server nimmt Verbindungen anderer Geräte auf %1 an. Ohne TLS (--tls-cert, --tls-key) gehen Token und Chats unverschlüsselt über das Netzwerk.</translation>
    </message>
    <message>
        <source>The request could not be read unambiguously.</source>
        <translation>Die Anfrage ließ sich nicht eindeutig lesen.</translation>
    </message>
</context>
<context>
    <name>Corral::LocalServerPage</name>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS-Zertifikat</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>Privater TLS-Schlüssel</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Regenerate token</source>
        <translation>Token neu erzeugen</translation>
    </message>
    <message>
        <source>Make a new owner token? Every browser is signed out and tools using the old token must get the new one.</source>
        <translation>Ein neues Besitzertoken erzeugen? Alle Browser werden abgemeldet, und Programme mit dem alten Token brauchen das neue.</translation>
    </message>
    <message>
        <source>Create API key</source>
        <translation>API-Schlüssel anlegen</translation>
    </message>
    <message>
        <source>Name (for example the tool that uses it):</source>
        <translation>Name (zum Beispiel das Programm, das ihn nutzt):</translation>
    </message>
    <message>
        <source>Chat only (chat, generate, embeddings, model lists)</source>
        <translation>Nur Chat (Chat, Generieren, Embeddings, Modelllisten)</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Bereich:</translation>
    </message>
    <message>
        <source>API key created</source>
        <translation>API-Schlüssel angelegt</translation>
    </message>
    <message>
        <source>Copy the key now: it is shown only once.

%1</source>
        <translation>Kopieren Sie den Schlüssel jetzt: Er wird nur einmal angezeigt.

%1</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>API-Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>full</source>
        <translation>voll</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>TLS needs both a certificate and a key.</source>
        <translation>TLS braucht sowohl ein Zertifikat als auch einen Schlüssel.</translation>
    </message>
    <message>
        <source>%1 is not a readable PEM certificate.</source>
        <translation>%1 ist kein lesbares PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>%1 is not a readable PEM private key.</source>
        <translation>%1 ist kein lesbarer privater PEM-Schlüssel.</translation>
    </message>
    <message>
        <source>Chat, with cloud models (they run on ollama.com and spend your account)</source>
        <translation>Chat, mit Cloud-Modellen (sie laufen auf ollama.com und belasten Ihr Konto)</translation>
    </message>
    <message>
        <source>Full (also pull, push, create, copy, delete, and cloud models)</source>
        <translation>Voll (auch Pull, Push, Erstellen, Kopieren, Löschen und Cloud-Modelle)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>yes (this key)</source>
        <translation>ja (dieser Schlüssel)</translation>
    </message>
    <message>
        <source>yes (setting below)</source>
        <translation>ja (Einstellung unten)</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Limits of the new key</source>
        <translation>Beschränkungen des neuen Schlüssels</translation>
    </message>
    <message>
        <source>Limits of &quot;%1&quot;</source>
        <translation>Beschränkungen von „%1“</translation>
    </message>
    <message>
        <source>API key limits</source>
        <translation>Beschränkungen des API-Schlüssels</translation>
    </message>
</context>
<context>
    <name>Corral::MainWindow</name>
    <message>
        <source>Copy browser link</source>
        <translation>Browserlink kopieren</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>A sign-in link valid for 60 seconds was copied.</source>
        <translation>Ein 60 Sekunden gültiger Anmeldelink wurde kopiert.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Editing an earlier message: sending replaces it and everything after it.</source>
        <translation>Sie bearbeiten eine frühere Nachricht: Beim Senden wird sie samt allem Folgenden ersetzt.</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>&amp;Neuer Chat</translation>
    </message>
    <message>
        <source>&amp;Search chats</source>
        <translation>Chats &amp;durchsuchen</translation>
    </message>
    <message>
        <source>S&amp;top answer</source>
        <translation>Antwort an&amp;halten</translation>
    </message>
    <message>
        <source>Chat &amp;settings…</source>
        <translation>Chat-&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>Ein&amp;stellungen…</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>&amp;Modelle…</translation>
    </message>
    <message>
        <source>Export as &amp;Markdown…</source>
        <translation>Als &amp;Markdown exportieren…</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>Chat exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Export as &amp;JSON…</source>
        <translation>Als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>Corral chat (*.json)</source>
        <translation>Corral-Chat (*.json)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import chat</source>
        <translation>Chat importieren</translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 wurde nicht importiert: %2</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Corral</source>
        <translation>&amp;Über Corral</translation>
    </message>
    <message>
        <source>Local server: %1</source>
        <translation>Lokaler Server: %1</translation>
    </message>
    <message>
        <source>The model %1 is no longer installed; this chat now uses %2. Pick another above.</source>
        <translation>Das Modell %1 ist nicht mehr installiert; dieser Chat verwendet jetzt %2. Wählen Sie oben ein anderes.</translation>
    </message>
    <message>
        <source>Connecting to Ollama at %1…</source>
        <translation>Verbinde mit Ollama unter %1…</translation>
    </message>
    <message>
        <source>Ollama %1 at %2</source>
        <translation>Ollama %1 unter %2</translation>
    </message>
    <message>
        <source>Pick a model first.</source>
        <translation>Wählen Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>Chat umbenennen</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete chat</source>
        <translation>Chat löschen</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; and all its messages?</source>
        <translation>„%1“ mit allen Nachrichten löschen?</translation>
    </message>
    <message>
        <source>Open a chat to export it.</source>
        <translation>Öffnen Sie einen Chat, um ihn zu exportieren.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 lässt sich nicht schreiben: %2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>About Corral</source>
        <translation>Über Corral</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Corral %1&lt;/h3&gt;&lt;p&gt;A desktop client for Ollama with an authenticated local proxy.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Corral %1&lt;/h3&gt;&lt;p&gt;Ein Desktop-Client für Ollama mit einem authentifizierten lokalen Proxy.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1, running on Qt %2.&lt;br&gt;License: GPL-3.0-or-later.&lt;/p&gt;&lt;p&gt;Data directory:&lt;br&gt;&lt;code&gt;%3&lt;/code&gt;&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;https://github.com/corral-app/corral&quot;&gt;Project page&lt;/a&gt; · &lt;a href=&quot;https://ollama.com&quot;&gt;Ollama&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Erstellt mit Qt %1, läuft mit Qt %2.&lt;br&gt;Lizenz: GPL-3.0-or-later.&lt;/p&gt;&lt;p&gt;Datenordner:&lt;br&gt;&lt;code&gt;%3&lt;/code&gt;&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;https://github.com/corral-app/corral&quot;&gt;Projektseite&lt;/a&gt; · &lt;a href=&quot;https://ollama.com&quot;&gt;Ollama&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Indexing chats for search… %1%</source>
        <translation>Chats werden für die Suche indexiert… %1 %</translation>
    </message>
    <message>
        <source>Chats are indexed for search.</source>
        <translation>Die Chats sind für die Suche indexiert.</translation>
    </message>
    <message>
        <source>Indexing chats for search failed; search stays slower.</source>
        <translation>Das Indexieren der Chats für die Suche ist fehlgeschlagen; die Suche bleibt langsamer.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Requests through Corral&apos;s local server right now: show who makes them</source>
        <translation>Aktuelle Anfragen über den lokalen Server von Corral: zeigen, wer sie stellt</translation>
    </message>
    <message>
        <source>On %1</source>
        <translation>Auf %1</translation>
    </message>
    <message>
        <source>&amp;Activity…</source>
        <translation>&amp;Aktivität…</translation>
    </message>
    <message>
        <source>%1 of %2 Ollama servers answering</source>
        <translation>%1 von %2 Ollama-Servern antworten</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>A PDF is still being read; send when its chip shows its pages.</source>
        <translation>Ein PDF wird noch gelesen; senden Sie, sobald sein Chip die Seitenzahl zeigt.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Images, text, code and PDF files (*);;PDF files (*.pdf);;Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>Bilder, Text-, Code- und PDF-Dateien (*);;PDF-Dateien (*.pdf);;Bilder (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 importiert</translation>
    </message>
    <message>
        <source>1 stream</source>
        <translation>1 Stream</translation>
    </message>
    <message>
        <source>%1 streams</source>
        <translation>%1 Streams</translation>
    </message>
    <message>
        <source>Your message is saved; the answer starts once the chat has loaded.</source>
        <translation>Ihre Nachricht ist gespeichert; die Antwort beginnt, sobald der Chat geladen ist.</translation>
    </message>
</context>
<context>
    <name>Corral::ModelManager</name>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Ollama answered with status %1.</source>
        <translation>Ollama antwortete mit Status %1.</translation>
    </message>
</context>
<context>
    <name>Corral::ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Filter models</source>
        <translation>Modelle filtern</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Copy…</source>
        <translation>Kopieren…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>Copy model</source>
        <translation>Modell kopieren</translation>
    </message>
    <message>
        <source>New name for a copy of %1:</source>
        <translation>Neuer Name für eine Kopie von %1:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size in memory</source>
        <translation>Größe im Speicher</translation>
    </message>
    <message>
        <source>On GPU</source>
        <translation>Auf der GPU</translation>
    </message>
    <message>
        <source>Unloads at</source>
        <translation>Entladen um</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>Entladen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Geladen</translation>
    </message>
    <message>
        <source>Model name, for example llama3.2 or qwen3:8b (name:tag)</source>
        <translation>Modellname, zum Beispiel llama3.2 oder qwen3:8b (Name:Tag)</translation>
    </message>
    <message>
        <source>Pull</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>%1: %2 done.</source>
        <translation>%1: %2 erledigt.</translation>
    </message>
    <message>
        <source>%1 %2 failed: %3</source>
        <translation>%1 %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>Capabilities: %1

</source>
        <translation>Fähigkeiten: %1

</translation>
    </message>
    <message>
        <source>Parameters:
%1

</source>
        <translation>Parameter:
%1

</translation>
    </message>
    <message>
        <source>Template:
%1

</source>
        <translation>Vorlage:
%1

</translation>
    </message>
    <message>
        <source>System prompt:
%1

</source>
        <translation>Systemprompt:
%1

</translation>
    </message>
    <message>
        <source>License:
%1

</source>
        <translation>Lizenz:
%1

</translation>
    </message>
    <message>
        <source>Model info:
%1</source>
        <translation>Modellinformationen:
%1</translation>
    </message>
    <message>
        <source>Details of %1</source>
        <translation>Details zu %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: fertig</translation>
    </message>
    <message>
        <source>%1: %2 of %3 at %4/s, %5 left</source>
        <translation>%1: %2 von %3 mit %4/s, noch %5</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>unbekannte Zeit</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Enter a model name such as llama3.2 or qwen3:8b (name:tag).</source>
        <translation>Geben Sie einen Modellnamen wie llama3.2 oder qwen3:8b ein (Name:Tag).</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <source>Delete %1? This frees %2 of disk space.</source>
        <translation>%1 löschen? Dadurch werden %2 Speicherplatz frei.</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source> (not answering)</source>
        <translation> (antwortet nicht)</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaCall</name>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaClient</name>
    <message>
        <source>the server at this address answered, but it is not Ollama (HTTP status %1)</source>
        <translation>der Server unter dieser Adresse hat geantwortet, ist aber nicht Ollama (HTTP-Status %1)</translation>
    </message>
    <message>
        <source>no Ollama server is enabled</source>
        <translation>kein Ollama-Server ist aktiviert</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaFailure</name>
    <message>
        <source>Ollama took too long to answer</source>
        <translation>Ollama hat zu lange für die Antwort gebraucht</translation>
    </message>
    <message>
        <source>The answer from Ollama was cut off</source>
        <translation>Die Antwort von Ollama wurde abgeschnitten</translation>
    </message>
    <message>
        <source>Request stopped</source>
        <translation>Anfrage angehalten</translation>
    </message>
    <message>
        <source>Server connection error</source>
        <translation>Verbindungsfehler zum Server</translation>
    </message>
    <message>
        <source>Could not connect to Ollama at %1: %2</source>
        <translation>Keine Verbindung zu Ollama unter %1: %2</translation>
    </message>
    <message>
        <source>Could not connect to Ollama at %1: no connection within %2 seconds</source>
        <translation>Keine Verbindung zu Ollama unter %1: innerhalb von %2 Sekunden kam keine Verbindung zustande</translation>
    </message>
    <message>
        <source>Ollama at %1 did not finish its response within the %2-second limit. Raise it in Preferences &gt; Connection, with AIOHTTP_CLIENT_TIMEOUT or with --timeout (seconds, 0 = no limit).</source>
        <translation>Ollama unter %1 hat die Antwort nicht innerhalb der Grenze von %2 Sekunden beendet. Erhöhen Sie sie unter Einstellungen &gt; Verbindung, mit AIOHTTP_CLIENT_TIMEOUT oder mit --timeout (Sekunden, 0 = keine Grenze).</translation>
    </message>
    <message>
        <source>Ollama at %1 did not answer within the %2-second limit for model lists and version checks. Raise it with AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST (seconds).</source>
        <translation>Ollama unter %1 hat nicht innerhalb der Grenze von %2 Sekunden für Modelllisten und Versionsabfragen geantwortet. Erhöhen Sie sie mit AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST (Sekunden).</translation>
    </message>
    <message>
        <source>The connection to Ollama at %1 broke during the answer: %2</source>
        <translation>Die Verbindung zu Ollama unter %1 ist während der Antwort abgebrochen: %2</translation>
    </message>
    <message>
        <source>The request to Ollama at %1 was stopped.</source>
        <translation>Die Anfrage an Ollama unter %1 wurde angehalten.</translation>
    </message>
    <message>
        <source>Large or thinking models can need more time, especially while the model is still loading.</source>
        <translation>Große oder nachdenkende Modelle brauchen oft mehr Zeit, besonders solange das Modell noch lädt.</translation>
    </message>
    <message>
        <source>Raise the response time limit in Preferences &gt; Connection, or set AIOHTTP_CLIENT_TIMEOUT (or --timeout) to more seconds, or to 0 for no limit.</source>
        <translation>Erhöhen Sie die Zeitgrenze für Antworten unter Einstellungen &gt; Verbindung, oder setzen Sie AIOHTTP_CLIENT_TIMEOUT (oder --timeout) auf mehr Sekunden oder auf 0 für keine Grenze.</translation>
    </message>
    <message>
        <source>Make sure Ollama is running on that machine (for example with &quot;ollama serve&quot;) and is up to date; see https://ollama.com for the latest version.</source>
        <translation>Stellen Sie sicher, dass Ollama auf diesem Rechner läuft (zum Beispiel mit „ollama serve“) und aktuell ist; die neueste Version finden Sie auf https://ollama.com.</translation>
    </message>
    <message>
        <source>Check that the address is a full URL with scheme, host and port, such as http://127.0.0.1:11434 on this computer or http://192.168.1.1:11434 for another machine.</source>
        <translation>Prüfen Sie, ob die Adresse eine vollständige URL mit Schema, Host und Port ist, etwa http://127.0.0.1:11434 auf diesem Computer oder http://192.168.1.1:11434 für einen anderen Rechner.</translation>
    </message>
    <message>
        <source>If Ollama runs in a container or on another host, it must listen on an address reachable from here (OLLAMA_HOST=0.0.0.0 on that side) and the port must be published; 127.0.0.1 inside a container is not this computer.</source>
        <translation>Läuft Ollama in einem Container oder auf einem anderen Rechner, muss es auf einer von hier erreichbaren Adresse lauschen (dort OLLAMA_HOST=0.0.0.0) und der Port muss freigegeben sein; 127.0.0.1 in einem Container ist nicht dieser Computer.</translation>
    </message>
    <message>
        <source>Set the address in Preferences &gt; Connection, with OLLAMA_BASE_URL or with --ollama-url, then try again.</source>
        <translation>Legen Sie die Adresse unter Einstellungen &gt; Verbindung, mit OLLAMA_BASE_URL oder mit --ollama-url fest und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaProxy</name>
    <message>
        <source>This path or method cannot be forwarded to Ollama. Use /ollama/api/... without &quot;.&quot; or &quot;..&quot; segments.</source>
        <translation>Dieser Pfad oder diese Methode kann nicht an Ollama weitergeleitet werden. Verwenden Sie /ollama/api/... ohne „.“- oder „..“-Abschnitte.</translation>
    </message>
    <message>
        <source>Corral is shutting down.</source>
        <translation>Corral wird beendet.</translation>
    </message>
    <message>
        <source>The model &quot;%1&quot; runs on ollama.com and spends the owner&apos;s account: this chat-scope API key may not use it. The owner can create a key with --allow-cloud, or allow every chat key in Preferences &gt; Local server &gt; &quot;Chat keys may use cloud models&quot; (setting %2).</source>
        <translation>Das Modell „%1“ läuft auf ollama.com und belastet das Konto des Besitzers: Dieser API-Schlüssel mit dem Bereich „chat“ darf es nicht verwenden. Der Besitzer kann einen Schlüssel mit --allow-cloud erstellen oder es allen Chat-Schlüsseln erlauben unter Einstellungen &gt; Lokaler Server &gt; „Chat-Schlüssel dürfen Cloud-Modelle verwenden“ (Einstellung %2).</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaRouter</name>
    <message>
        <source>Corral is shutting down.</source>
        <translation>Corral wird beendet.</translation>
    </message>
    <message>
        <source>Ollama answered HTTP %1</source>
        <translation>Ollama antwortete mit HTTP %1</translation>
    </message>
    <message>
        <source>No Ollama server is enabled.</source>
        <translation>Kein Ollama-Server ist aktiviert.</translation>
    </message>
    <message>
        <source>There is no enabled Ollama server %1: %2 are configured, numbered from 0.</source>
        <translation>Es gibt keinen aktivierten Ollama-Server %1: %2 sind eingerichtet, nummeriert ab 0.</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaServers</name>
    <message>
        <source>Ollama answered HTTP %1 to /api/tags</source>
        <translation>Ollama antwortete auf /api/tags mit HTTP %1</translation>
    </message>
</context>
<context>
    <name>Corral::PreferencesDialog</name>
    <message>
        <source>Local server</source>
        <translation>Lokaler Server</translation>
    </message>
    <message>
        <source>How long Ollama may take to finish an answer (5 minutes by default). Large or thinking models may need more.</source>
        <translation>Wie lange Ollama für eine Antwort brauchen darf (standardmäßig 5 Minuten). Große oder nachdenkende Modelle brauchen eventuell mehr.</translation>
    </message>
    <message>
        <source>Connected: Ollama %1.</source>
        <translation>Verbunden: Ollama %1.</translation>
    </message>
    <message>
        <source>This Ollama is older than %1: update it (see ollama.com) to see the reasoning of thinking models and use current models.</source>
        <translation>Dieses Ollama ist älter als %1: Aktualisieren Sie es (siehe ollama.com), um die Überlegungen nachdenkender Modelle zu sehen und aktuelle Modelle zu nutzen.</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) installed.</source>
        <translation>
            <numerusform>%n Modell installiert.</numerusform>
            <numerusform>%n Modelle installiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Set by %1; change it there.</source>
        <translation>Festgelegt durch %1; ändern Sie es dort.</translation>
    </message>
    <message>
        <source>The Ollama URL must be %1.</source>
        <translation>Die Ollama-URL muss %1 sein.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Prüfe %1…</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The URL of server %1 must be %2.</source>
        <translation>Die URL von Server %1 muss %2 sein.</translation>
    </message>
    <message>
        <source>At least one Ollama server must be enabled.</source>
        <translation>Mindestens ein Ollama-Server muss aktiviert sein.</translation>
    </message>
    <message>
        <source>The first enabled server</source>
        <translation>Der erste aktivierte Server</translation>
    </message>
</context>
<context>
    <name>Corral::ProxyExchange</name>
    <message>
        <source>Corral&apos;s local server is stopping.</source>
        <translation>Der lokale Server von Corral wird beendet.</translation>
    </message>
    <message>
        <source>Ollama closed the connection without answering</source>
        <translation>Ollama hat die Verbindung ohne Antwort geschlossen</translation>
    </message>
    <message>
        <source>Corral&apos;s local server stopped during the answer.</source>
        <translation>Der lokale Server von Corral wurde während der Antwort beendet.</translation>
    </message>
    <message>
        <source>Stopped in Corral&apos;s activity view.</source>
        <translation>In der Aktivitätsansicht von Corral angehalten.</translation>
    </message>
    <message>
        <source>The Ollama servers were reconfigured; try again.</source>
        <translation>Die Ollama-Server wurden neu eingerichtet; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The client went away.</source>
        <translation>Der Client hat die Verbindung getrennt.</translation>
    </message>
</context>
<context>
    <name>Corral::Settings</name>
    <message>
        <source>Could not save the settings to %1.</source>
        <translation>Die Einstellungen konnten nicht in %1 gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>Corral::StartupOptions</name>
    <message>
        <source>Corral: a desktop client for Ollama with an authenticated local /ollama proxy.</source>
        <translation>Corral: ein Desktop-Client für Ollama mit einem authentifizierten lokalen /ollama-Proxy.</translation>
    </message>
    <message>
        <source>Run the local server only, without a window.</source>
        <translation>Nur den lokalen Server starten, ohne Fenster.</translation>
    </message>
    <message>
        <source>Port of the local server (0 = any free port; default 8080; CORRAL_PORT).</source>
        <translation>Port des lokalen Servers (0 = beliebiger freier Port; Vorgabe 8080; CORRAL_PORT).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Address the local server listens on (default 127.0.0.1; CORRAL_BIND).</source>
        <translation>Adresse, auf der der lokale Server lauscht (Vorgabe 127.0.0.1; CORRAL_BIND).</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADRESSE</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Seconds Ollama gets to finish a response (default 300, 0 = no limit; AIOHTTP_CLIENT_TIMEOUT).</source>
        <translation>Sekunden, die Ollama für eine Antwort bekommt (Vorgabe 300, 0 = keine Grenze; AIOHTTP_CLIENT_TIMEOUT).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>Largest request body the local server accepts (default 100M; CORRAL_MAX_BODY_SIZE).</source>
        <translation>Größter Anfrageinhalt, den der lokale Server annimmt (Vorgabe 100M; CORRAL_MAX_BODY_SIZE).</translation>
    </message>
    <message>
        <source>SIZE</source>
        <translation>GRÖSSE</translation>
    </message>
    <message>
        <source>Directory for settings, chats and credentials (CORRAL_DATA_DIR).</source>
        <translation>Ordner für Einstellungen, Chats und Zugangsdaten (CORRAL_DATA_DIR).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>ORDNER</translation>
    </message>
    <message>
        <source>Comma-separated browser origins (with * wildcards) that may call /ollama with a token (CORS; CORRAL_ALLOWED_ORIGINS).</source>
        <translation>Kommagetrennte Browser-Ursprünge (mit *-Platzhaltern), die /ollama mit einem Token aufrufen dürfen (CORS; CORRAL_ALLOWED_ORIGINS).</translation>
    </message>
    <message>
        <source>LIST</source>
        <translation>LISTE</translation>
    </message>
    <message>
        <source>Comma-separated host names this server answers to besides localhost, when it listens on a network address (CORRAL_ALLOWED_HOSTS).</source>
        <translation>Kommagetrennte Hostnamen, auf die dieser Server außer localhost antwortet, wenn er auf einer Netzwerkadresse lauscht (CORRAL_ALLOWED_HOSTS).</translation>
    </message>
    <message>
        <source>PEM certificate for HTTPS (CORRAL_TLS_CERT).</source>
        <translation>PEM-Zertifikat für HTTPS (CORRAL_TLS_CERT).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>PEM private key for HTTPS (CORRAL_TLS_KEY).</source>
        <translation>Privater PEM-Schlüssel für HTTPS (CORRAL_TLS_KEY).</translation>
    </message>
    <message>
        <source>Run &quot;corral --help&quot; for the options.</source>
        <translation>Die Optionen zeigt „corral --help“.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;. Run &quot;corral --help&quot; for the options.</source>
        <translation>Unerwartetes Argument „%1“. Die Optionen zeigt „corral --help“.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for %2: expected %3.</source>
        <translation>Ungültiger Wert „%1“ für %2: erwartet wird %3.</translation>
    </message>
    <message>
        <source>CORRAL_TOKEN is %1 characters long; it must have at least %2. Unset it to use the generated token, or set a long random one (for example: openssl rand -base64 32).</source>
        <translation>CORRAL_TOKEN ist %1 Zeichen lang; nötig sind mindestens %2. Entfernen Sie die Variable, um das erzeugte Token zu verwenden, oder setzen Sie einen langen Zufallswert (zum Beispiel: openssl rand -base64 32).</translation>
    </message>
    <message>
        <source>Ollama server URL (default http://127.0.0.1:11434; OLLAMA_BASE_URL). Repeat it for several servers behind one /ollama (OLLAMA_BASE_URLS, &apos;;&apos;-separated).</source>
        <translation>URL des Ollama-Servers (Vorgabe http://127.0.0.1:11434; OLLAMA_BASE_URL). Mehrfach angeben für mehrere Server hinter einem /ollama (OLLAMA_BASE_URLS, durch „;“ getrennt).</translation>
    </message>
</context>
<context>
    <name>Corral::TokenStore</name>
    <message>
        <source>Cannot read the token file %1: %2</source>
        <translation>Die Tokendatei %1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>The token is set by CORRAL_TOKEN; change that variable instead.</source>
        <translation>Das Token wird durch CORRAL_TOKEN festgelegt; ändern Sie stattdessen diese Variable.</translation>
    </message>
</context>
<context>
    <name>Corral::TrayIcon</name>
    <message>
        <source>Corral</source>
        <translation>Corral</translation>
    </message>
    <message>
        <source>Open Corral</source>
        <translation>Corral öffnen</translation>
    </message>
    <message>
        <source>Copy browser link</source>
        <translation>Browserlink kopieren</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>KeyLimitsDialog</name>
    <message>
        <source>API key limits</source>
        <translation>Beschränkungen des API-Schlüssels</translation>
    </message>
    <message>
        <source>&amp;Models:</source>
        <translation>&amp;Modelle:</translation>
    </message>
    <message>
        <source>every model; or for example llama3.2, qwen3:*</source>
        <translation>alle Modelle; oder zum Beispiel llama3.2, qwen3:*</translation>
    </message>
    <message>
        <source>Names (llama3.2 means llama3.2:latest) or name:* for every tag of a name, separated by commas. Other models are refused, and the model lists show only these.</source>
        <translation>Namen (llama3.2 bedeutet llama3.2:latest) oder name:* für jedes Tag eines Namens, durch Kommas getrennt. Andere Modelle werden abgelehnt, und die Modelllisten zeigen nur diese.</translation>
    </message>
    <message>
        <source>Requests at &amp;once:</source>
        <translation>&amp;Gleichzeitige Anfragen:</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source>&amp;Expires on:</source>
        <translation>&amp;Läuft ab am:</translation>
    </message>
    <message>
        <source>The key works until the end of the expiry day. Limits apply from the key&apos;s next request.</source>
        <translation>Der Schlüssel funktioniert bis zum Ende des Ablauftags. Die Beschränkungen gelten ab der nächsten Anfrage des Schlüssels.</translation>
    </message>
</context>
<context>
    <name>LocalServerPage</name>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Serve the /ollama proxy and the browser page on this computer</source>
        <translation>Den /ollama-Proxy und die Browserseite auf diesem Computer bereitstellen</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Beliebiger freier Port</translation>
    </message>
    <message>
        <source>Allow access from other devices on the network</source>
        <translation>Zugriff von anderen Geräten im Netzwerk erlauben</translation>
    </message>
    <message>
        <source>Without TLS, tokens and chats cross the network unencrypted. Add a certificate and key below.</source>
        <translation>Ohne TLS gehen Token und Chats unverschlüsselt über das Netzwerk. Fügen Sie unten ein Zertifikat und einen Schlüssel hinzu.</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>TLS-Sc&amp;hlüssel:</translation>
    </message>
    <message>
        <source>Allowed &amp;origins:</source>
        <translation>Erlaubte &amp;Ursprünge:</translation>
    </message>
    <message>
        <source>for example http://localhost:5173, https://*.example.org</source>
        <translation>zum Beispiel http://localhost:5173, https://*.example.org</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>Owner token:</source>
        <translation>Besitzertoken:</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation>Neu erzeugen…</translation>
    </message>
    <message>
        <source>Copy browser sign-in link</source>
        <translation>Anmeldelink für den Browser kopieren</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Cloud models</source>
        <translation>Cloud-Modelle</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Beschränkungen</translation>
    </message>
    <message>
        <source>Create key…</source>
        <translation>Schlüssel anlegen…</translation>
    </message>
    <message>
        <source>The models the selected key may use, how many requests it may have at once, and when it expires.</source>
        <translation>Welche Modelle der ausgewählte Schlüssel verwenden darf, wie viele Anfragen er gleichzeitig haben darf und wann er abläuft.</translation>
    </message>
    <message>
        <source>Limits…</source>
        <translation>Beschränkungen…</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Chat keys may use cloud models (they run on ollama.com and spend your account)</source>
        <translation>Chat-Schlüssel dürfen Cloud-Modelle verwenden (sie laufen auf ollama.com und belasten Ihr Konto)</translation>
    </message>
    <message>
        <source>Models named ...:cloud or ...-cloud. The owner token, signed-in browsers, keys with the full scope and chat keys created with cloud models may always use them; no API key reaches Ollama&apos;s account routes.</source>
        <translation>Modelle namens ...:cloud oder ...-cloud. Das Besitzertoken, angemeldete Browser, Schlüssel mit vollem Bereich und mit Cloud-Modellen angelegte Chat-Schlüssel dürfen sie immer verwenden; kein API-Schlüssel erreicht die Konto-Routen von Ollama.</translation>
    </message>
    <message>
        <source>Browser session</source>
        <translation>Browsersitzung</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Corral</source>
        <translation>Corral</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>Chats durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Message (Enter sends, Shift+Enter adds a line)</source>
        <translation>Nachricht (Eingabe sendet, Umschalt+Eingabe fügt eine Zeile ein)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>&amp;Thinking:</source>
        <translation>&amp;Nachdenken:</translation>
    </message>
    <message>
        <source>How much the model thinks before it answers (models with the thinking capability; gpt-oss takes levels)</source>
        <translation>Wie viel das Modell nachdenkt, bevor es antwortet (Modelle mit der Fähigkeit „thinking“; gpt-oss nimmt Stufen)</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Anhängen…</translation>
    </message>
    <message>
        <source>Attach images, text and code files or PDFs (or drop or paste them)</source>
        <translation>Bilder, Text- und Codedateien oder PDFs anhängen (oder hineinziehen oder einfügen)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Ollama server &amp;URL:</source>
        <translation>&amp;URL des Ollama-Servers:</translation>
    </message>
    <message>
        <source>http://127.0.0.1:11434</source>
        <translation>http://127.0.0.1:11434</translation>
    </message>
    <message>
        <source>&amp;Verify connection</source>
        <translation>Verbindung &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Response time limit:</source>
        <translation>&amp;Zeitgrenze für Antworten:</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Model list time limit:</source>
        <translation>Zeitgrenze für &amp;Modelllisten:</translation>
    </message>
    <message>
        <source>Ollama &amp;servers:</source>
        <translation>&amp;Ollama-Server:</translation>
    </message>
    <message>
        <source>Requests for a model go to a server that has it, the least busy first. Untick a server to disable it; /ollama/&lt;n&gt;/ addresses server n (from 0).</source>
        <translation>Anfragen für ein Modell gehen an einen Server, der es hat, zuerst an den am wenigsten ausgelasteten. Entfernen Sie das Häkchen eines Servers, um ihn zu deaktivieren; /ollama/&lt;n&gt;/ spricht Server n an (ab 0).</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>U&amp;p</source>
        <translation>Nach o&amp;ben</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>Nach un&amp;ten</translation>
    </message>
    <message>
        <source>Server &amp;name:</source>
        <translation>Server&amp;name:</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>Host:Port</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>For an Ollama behind an authenticating proxy: sent to this server only, as &quot;Authorization: Bearer&quot;, and never logged.</source>
        <translation>Für ein Ollama hinter einem authentifizierenden Proxy: wird nur an diesen Server gesendet, als „Authorization: Bearer“, und nie protokolliert.</translation>
    </message>
    <message>
        <source>&amp;Downloads go to:</source>
        <translation>&amp;Downloads gehen an:</translation>
    </message>
    <message>
        <source>Where a pull without a server index goes (the Models dialog lets you pick each time).</source>
        <translation>Wohin ein Pull ohne Serverindex geht (im Modelle-Dialog wählen Sie jedes Mal selbst).</translation>
    </message>
</context>
<context>
    <name>RequestFramer</name>
    <message>
        <source>Request lines must end in CRLF; a bare CR or LF is not allowed.</source>
        <translation>Zeilen der Anfrage müssen mit CRLF enden; ein einzelnes CR oder LF ist nicht erlaubt.</translation>
    </message>
    <message>
        <source>Too many empty lines before the request line.</source>
        <translation>Zu viele Leerzeilen vor der Anfragezeile.</translation>
    </message>
    <message>
        <source>The request method is not a token.</source>
        <translation>Die Anfragemethode ist kein gültiges HTTP-Token.</translation>
    </message>
    <message>
        <source>The request method %1 is not supported.</source>
        <translation>Die Anfragemethode %1 wird nicht unterstützt.</translation>
    </message>
    <message>
        <source>The request target must be a path starting with &apos;/&apos;, in visible ASCII characters, without a fragment.</source>
        <translation>Das Anfrageziel muss ein Pfad sein, der mit „/“ beginnt, aus sichtbaren ASCII-Zeichen besteht und kein Fragment enthält.</translation>
    </message>
    <message>
        <source>The request line must be a method, a space, a target, a space and the HTTP version.</source>
        <translation>Die Anfragezeile muss aus Methode, Leerzeichen, Ziel, Leerzeichen und HTTP-Version bestehen.</translation>
    </message>
    <message>
        <source>The HTTP version in the request line is malformed.</source>
        <translation>Die HTTP-Version in der Anfragezeile ist fehlerhaft.</translation>
    </message>
    <message>
        <source>This server speaks HTTP/1.1 and HTTP/1.0 only.</source>
        <translation>Dieser Server spricht nur HTTP/1.1 und HTTP/1.0.</translation>
    </message>
    <message>
        <source>Header lines continued on the next line (obs-fold) are not allowed.</source>
        <translation>Header-Zeilen, die in der nächsten Zeile fortgesetzt werden (obs-fold), sind nicht erlaubt.</translation>
    </message>
    <message>
        <source>A header line must be a field name directly followed by &apos;:&apos;.</source>
        <translation>Eine Header-Zeile muss aus einem Feldnamen bestehen, direkt gefolgt von „:“.</translation>
    </message>
    <message>
        <source>A header value contains a control character.</source>
        <translation>Ein Header-Wert enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <source>The request headers are larger than %1 bytes.</source>
        <translation>Die Header der Anfrage sind größer als %1 Byte.</translation>
    </message>
    <message>
        <source>The request has more than %1 header fields.</source>
        <translation>Die Anfrage hat mehr als %1 Header-Felder.</translation>
    </message>
    <message>
        <source>An HTTP/1.1 request needs one Host header naming the server.</source>
        <translation>Eine HTTP/1.1-Anfrage braucht genau einen Host-Header, der den Server nennt.</translation>
    </message>
    <message>
        <source>More than one Host header.</source>
        <translation>Mehr als ein Host-Header.</translation>
    </message>
    <message>
        <source>Duplicate Content-Length.</source>
        <translation>Content-Length ist doppelt vorhanden.</translation>
    </message>
    <message>
        <source>Content-Length must be a decimal number.</source>
        <translation>Content-Length muss eine Dezimalzahl sein.</translation>
    </message>
    <message>
        <source>The request body is larger than the server&apos;s limit of %1 bytes.</source>
        <translation>Der Anfrageinhalt überschreitet die Grenze des Servers von %1 Byte.</translation>
    </message>
    <message>
        <source>The only transfer coding supported is chunked.</source>
        <translation>Als Transfer-Codierung wird nur chunked unterstützt.</translation>
    </message>
    <message>
        <source>More than one Transfer-Encoding header.</source>
        <translation>Mehr als ein Transfer-Encoding-Header.</translation>
    </message>
    <message>
        <source>Content-Length and Transfer-Encoding together are not allowed.</source>
        <translation>Content-Length und Transfer-Encoding zusammen sind nicht erlaubt.</translation>
    </message>
    <message>
        <source>Transfer-Encoding is not allowed in an HTTP/1.0 request.</source>
        <translation>Transfer-Encoding ist in einer HTTP/1.0-Anfrage nicht erlaubt.</translation>
    </message>
    <message>
        <source>Protocol upgrades are not supported.</source>
        <translation>Protokollwechsel (Upgrade) werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>The only expectation supported is 100-continue.</source>
        <translation>Als Expect-Wert wird nur 100-continue unterstützt.</translation>
    </message>
    <message>
        <source>Malformed chunk size.</source>
        <translation>Fehlerhafte Chunk-Größe.</translation>
    </message>
    <message>
        <source>A chunk-size line is longer than %1 bytes.</source>
        <translation>Eine Chunk-Größenzeile ist länger als %1 Byte.</translation>
    </message>
    <message>
        <source>Malformed chunk extension.</source>
        <translation>Fehlerhafte Chunk-Erweiterung.</translation>
    </message>
    <message>
        <source>Chunk data must be followed by CRLF.</source>
        <translation>Auf Chunk-Daten muss CRLF folgen.</translation>
    </message>
    <message>
        <source>Trailers are not supported.</source>
        <translation>Trailer werden nicht unterstützt.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>The local server is off (Preferences &gt; Local server).</source>
        <translation>Der lokale Server ist aus (Einstellungen &gt; Lokaler Server).</translation>
    </message>
</context>
</TS>
