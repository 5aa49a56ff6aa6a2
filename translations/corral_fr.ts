<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ActivityWindow</name>
    <message>
        <source>Activity – Corral</source>
        <translation>Activité – Corral</translation>
    </message>
    <message>
        <source>Nothing is using Ollama through Corral right now.</source>
        <translation>Personne n’utilise Ollama via Corral en ce moment.</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Écoulé</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Jetons</translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation>Requêtes récentes</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation>Jetons en entrée</translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation>Jetons en sortie</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Totaux</translation>
    </message>
    <message>
        <source>Requests today</source>
        <translation>Requêtes aujourd’hui</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>Jetons aujourd’hui</translation>
    </message>
    <message>
        <source>Requests, 30 days</source>
        <translation>Requêtes, 30 jours</translation>
    </message>
    <message>
        <source>Tokens, 30 days</source>
        <translation>Jetons, 30 jours</translation>
    </message>
</context>
<context>
    <name>ChatSettingsDialog</name>
    <message>
        <source>Chat settings</source>
        <translation>Paramètres de la discussion</translation>
    </message>
    <message>
        <source>&amp;System prompt:</source>
        <translation>Invite &amp;système :</translation>
    </message>
    <message>
        <source>Instructions the model reads before the conversation, for example &quot;Answer briefly.&quot;</source>
        <translation>Instructions que le modèle lit avant la conversation, par exemple « Réponds brièvement. »</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>&amp;Température :</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Valeur du modèle</translation>
    </message>
    <message>
        <source>&amp;Context length:</source>
        <translation>Longueur du &amp;contexte :</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> jetons</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>&amp;Graine :</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Aléatoire</translation>
    </message>
    <message>
        <source>Use these settings for new chats</source>
        <translation>Utiliser ces paramètres pour les nouvelles discussions</translation>
    </message>
</context>
<context>
    <name>ConnectionErrorPanel</name>
    <message>
        <source>Server connection error</source>
        <translation>Erreur de connexion au serveur</translation>
    </message>
    <message>
        <source>What to check:</source>
        <translation>À vérifier :</translation>
    </message>
    <message>
        <source>Corral checks again by itself and continues as soon as Ollama answers.</source>
        <translation>Corral vérifie à nouveau de lui-même et reprend dès qu’Ollama répond.</translation>
    </message>
    <message>
        <source>Open Preferences…</source>
        <translation>Ouvrir les préférences…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
</context>
<context>
    <name>Corral</name>
    <message>
        <source>a readable PEM file</source>
        <translation>un fichier PEM lisible</translation>
    </message>
    <message>
        <source>a whole number of at least 1</source>
        <translation>un nombre entier d’au moins 1</translation>
    </message>
    <message>
        <source>1 or 0 (true or false)</source>
        <translation>1 ou 0 (true ou false)</translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; may not use the model &quot;%2&quot;. It may use: %3.</source>
        <translation>La clé d’API « %1 » ne peut pas utiliser le modèle « %2 ». Elle peut utiliser : %3.</translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; already has %2 requests in flight, its limit. Retry when one has ended.</source>
        <translation>La clé d’API « %1 » a déjà %2 requêtes en cours, sa limite. Réessayez quand l’une d’elles sera terminée.</translation>
    </message>
</context>
<context>
    <name>Corral::AccessControl</name>
    <message>
        <source>This server only answers requests addressed to localhost or 127.0.0.1 on its own port.</source>
        <translation>Ce serveur ne répond qu’aux requêtes adressées à localhost ou 127.0.0.1 sur son propre port.</translation>
    </message>
    <message>
        <source>Requests from %1 are not allowed.</source>
        <translation>Les requêtes provenant de %1 ne sont pas autorisées.</translation>
    </message>
    <message>
        <source>Too many failed sign-in attempts from this address. Try again in %1 minutes.</source>
        <translation>Trop de tentatives de connexion échouées depuis cette adresse. Réessayez dans %1 minutes.</translation>
    </message>
    <message>
        <source>Requests from %1 are not allowed. Add it to the allowed origins in Preferences.</source>
        <translation>Les requêtes provenant de %1 ne sont pas autorisées. Ajoutez cette origine aux origines autorisées dans les préférences.</translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; has the chat scope, which cannot use %2. Use a key with the full scope.</source>
        <translation>La clé d’API « %1 » a la portée « chat », qui ne permet pas d’utiliser %2. Utilisez une clé à portée complète.</translation>
    </message>
    <message>
        <source>The token or API key is not valid.</source>
        <translation>Le jeton ou la clé d’API n’est pas valide.</translation>
    </message>
    <message>
        <source>Cross-site request refused.</source>
        <translation>Requête intersite refusée.</translation>
    </message>
    <message>
        <source>The request carries two different credentials (Authorization and x-api-key). Send one.</source>
        <translation>La requête contient deux identifiants différents (Authorization et x-api-key). N’en envoyez qu’un.</translation>
    </message>
    <message>
        <source>API keys only open /ollama. Only the owner token or a signed-in browser may read or change the chats; the API key &quot;%1&quot; cannot use %2.</source>
        <translation>Les clés d’API n’ouvrent que /ollama. Seuls le jeton du propriétaire ou un navigateur connecté peuvent lire ou modifier les discussions ; la clé d’API « %1 » ne peut pas utiliser %2.</translation>
    </message>
    <message>
        <source>API keys cannot use Ollama&apos;s account routes (%1): they act as the owner&apos;s ollama.com account. Use the owner token.</source>
        <translation>Les clés d’API ne peuvent pas utiliser les routes de compte d’Ollama (%1) : ces routes agissent au nom du compte ollama.com du propriétaire. Utilisez le jeton du propriétaire.</translation>
    </message>
    <message>
        <source>This browser tab has no key for its session: sign in again.</source>
        <translation>Cet onglet du navigateur n’a pas de clé pour sa session : reconnectez-vous.</translation>
    </message>
    <message>
        <source>Authentication required: send &quot;Authorization: Bearer &lt;token&gt;&quot; or &quot;x-api-key: &lt;key&gt;&quot; (see corral --print-token) or sign in at /.</source>
        <translation>Authentification requise : envoyez « Authorization: Bearer &lt;jeton&gt; » ou « x-api-key: &lt;clé&gt; » (voir corral --print-token) ou connectez-vous sur /.</translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; expired on %2. The owner can set a new expiry date in Preferences &gt; Local server or with --edit-api-key.</source>
        <translation>La clé d’API « %1 » a expiré le %2. Le propriétaire peut définir une nouvelle date d’expiration dans Préférences &gt; Serveur local ou avec --edit-api-key.</translation>
    </message>
</context>
<context>
    <name>Corral::AccessGate</name>
    <message>
        <source>That sign-in link or token is not valid (links work once, for 60 seconds).</source>
        <translation>Ce lien de connexion ou ce jeton n’est pas valide (les liens fonctionnent une seule fois, pendant 60 secondes).</translation>
    </message>
    <message>
        <source>Use POST.</source>
        <translation>Utilisez POST.</translation>
    </message>
    <message>
        <source>That token is not valid.</source>
        <translation>Ce jeton n’est pas valide.</translation>
    </message>
    <message>
        <source>Cross-site request refused.</source>
        <translation>Requête intersite refusée.</translation>
    </message>
    <message>
        <source>No such file.</source>
        <translation>Ce fichier n’existe pas.</translation>
    </message>
    <message>
        <source>Sign-in links work only when opened directly (typed, pasted or from Corral), not from another web site.</source>
        <translation>Les liens de connexion ne fonctionnent que s’ils sont ouverts directement (saisis, collés ou depuis Corral), pas depuis un autre site web.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d’abord.</translation>
    </message>
    <message>
        <source>This session&apos;s key was already handed to a page.</source>
        <translation>La clé de cette session a déjà été remise à une page.</translation>
    </message>
</context>
<context>
    <name>Corral::ActivityApi</name>
    <message>
        <source>Use GET.</source>
        <translation>Utilisez GET.</translation>
    </message>
    <message>
        <source>Use POST.</source>
        <translation>Utilisez POST.</translation>
    </message>
    <message>
        <source>Request %1 is not in flight.</source>
        <translation>La requête %1 n’est pas en cours.</translation>
    </message>
    <message>
        <source>Unknown API path. See /api/v1/activity.</source>
        <translation>Chemin d’API inconnu. Voir /api/v1/activity.</translation>
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
        <translation>Jeton du propriétaire</translation>
    </message>
    <message>
        <source>Owner token (%1)</source>
        <translation>Jeton du propriétaire (%1)</translation>
    </message>
    <message>
        <source>Key “%1”</source>
        <translation>Clé « %1 »</translation>
    </message>
    <message>
        <source>Key “%1” (%2)</source>
        <translation>Clé « %1 » (%2)</translation>
    </message>
    <message>
        <source>Browser session %1</source>
        <translation>Session de navigateur %1</translation>
    </message>
    <message>
        <source>Browser %1 (session %2)</source>
        <translation>Navigateur %1 (session %2)</translation>
    </message>
    <message>
        <source>Nothing is using Ollama through Corral right now.</source>
        <translation>Personne n’utilise Ollama via Corral en ce moment.</translation>
    </message>
    <message>
        <source>1 request in flight through Corral&apos;s local server.</source>
        <translation>1 requête en cours via le serveur local de Corral.</translation>
    </message>
    <message>
        <source>%1 requests in flight through Corral&apos;s local server.</source>
        <translation>%1 requêtes en cours via le serveur local de Corral.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>End this request: Ollama stops generating and the client gets the end of its answer.</source>
        <translation>Mettre fin à cette requête : Ollama arrête la génération et le client reçoit la fin de sa réponse.</translation>
    </message>
    <message>
        <source>%1, stopped</source>
        <translation>%1, arrêtée</translation>
    </message>
</context>
<context>
    <name>Corral::ApiKeyStore</name>
    <message>
        <source>A key name has 1 to 64 letters, digits, spaces, dots, dashes or underscores.</source>
        <translation>Un nom de clé comporte de 1 à 64 lettres, chiffres, espaces, points, tirets ou traits de soulignement.</translation>
    </message>
    <message>
        <source>There is already a key named &quot;%1&quot;.</source>
        <translation>Il existe déjà une clé nommée « %1 ».</translation>
    </message>
    <message>
        <source>There is no key named &quot;%1&quot;.</source>
        <translation>Il n’existe aucune clé nommée « %1 ».</translation>
    </message>
</context>
<context>
    <name>Corral::AppearancePage</name>
    <message>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème :</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Chat &amp;font size:</source>
        <translation>Taille de la &amp;police de la discussion :</translation>
    </message>
</context>
<context>
    <name>Corral::AttachmentBar</name>
    <message>
        <source>%1 is larger than 20 MB: Corral sends images up to 20 MB.</source>
        <translation>%1 dépasse 20 Mo : Corral envoie des images jusqu’à 20 Mo.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 is not an image Corral can send.</source>
        <translation>%1 n’est pas une image que Corral peut envoyer.</translation>
    </message>
    <message>
        <source>Pasted image.png</source>
        <translation>Image collée.png</translation>
    </message>
    <message>
        <source>The pasted image could not be read.</source>
        <translation>L’image collée n’a pas pu être lue.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · reading…</source>
        <translation>%1 · lecture…</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
</context>
<context>
    <name>Corral::Attachments</name>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 n’est pas un fichier.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2: Corral attaches PDFs up to %2.</source>
        <translation>%1 dépasse %2 : Corral joint des PDF jusqu’à %2.</translation>
    </message>
    <message>
        <source>%1 is larger than %2: Corral attaches text files up to %2.</source>
        <translation>%1 dépasse %2 : Corral joint des fichiers texte jusqu’à %2.</translation>
    </message>
    <message>
        <source>%1 is a binary file: Corral attaches text, code and PDF files.</source>
        <translation>%1 est un fichier binaire : Corral joint des fichiers texte, code et PDF.</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text: Corral attaches text, code and PDF files.</source>
        <translation>%1 n’est pas du texte UTF-8 : Corral joint des fichiers texte, code et PDF.</translation>
    </message>
    <message>
        <source>%1 is not a PDF Corral can read.</source>
        <translation>%1 n’est pas un PDF que Corral peut lire.</translation>
    </message>
    <message>
        <source>%1 is encrypted: Corral cannot read a PDF that needs a password.</source>
        <translation>%1 est chiffré : Corral ne peut pas lire un PDF protégé par un mot de passe.</translation>
    </message>
    <message>
        <source>%1 has %2 pages: Corral attaches PDFs of up to %3 pages.</source>
        <translation>%1 compte %2 pages : Corral joint des PDF de %3 pages au plus.</translation>
    </message>
    <message>
        <source>The text of %1 is longer than a message can carry (%2 characters).</source>
        <translation>Le texte de %1 est plus long que ce qu’un message peut contenir (%2 caractères).</translation>
    </message>
    <message>
        <source>%1 has no text to read (a scanned PDF?).</source>
        <translation>%1 ne contient aucun texte à lire (un PDF numérisé ?).</translation>
    </message>
    <message>
        <source>The attached files hold %1 characters of text; a message can carry %2.</source>
        <translation>Les fichiers joints contiennent %1 caractères de texte ; un message peut en contenir %2.</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 page</translation>
    </message>
    <message>
        <source>%n pages</source>
        <translation>%n pages</translation>
    </message>
    <message>
        <source>&quot;attachments&quot; must be a list.</source>
        <translation>« attachments » doit être une liste.</translation>
    </message>
    <message>
        <source>Each attachment needs a &quot;name&quot;, a &quot;text&quot; and a &quot;kind&quot; (text or pdf).</source>
        <translation>Chaque pièce jointe doit avoir un « name », un « text » et un « kind » (text ou pdf).</translation>
    </message>
</context>
<context>
    <name>Corral::ChatListModel</name>
    <message>
        <source>New chat</source>
        <translation>Nouvelle discussion</translation>
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
        <translation>Ollama a répondu avec le statut %1.</translation>
    </message>
</context>
<context>
    <name>Corral::ChatStore</name>
    <message>
        <source>Cannot open the chat history %1: %2</source>
        <translation>Impossible d’ouvrir l’historique des discussions %1 : %2</translation>
    </message>
    <message>
        <source>%1 is not a Corral chat history (%2).</source>
        <translation>%1 n’est pas un historique de discussions de Corral (%2).</translation>
    </message>
    <message>
        <source>The chat history %1 was written by a newer Corral (schema %2; this one knows %3). It was left untouched.</source>
        <translation>L’historique des discussions %1 a été écrit par une version plus récente de Corral (schéma %2 ; celle-ci connaît %3). Il n’a pas été modifié.</translation>
    </message>
    <message>
        <source>Cannot update the chat history %1: %2</source>
        <translation>Impossible de mettre à jour l’historique des discussions %1 : %2</translation>
    </message>
</context>
<context>
    <name>Corral::ChatTranscript</name>
    <message>
        <source>Chat</source>
        <translation>Discussion</translation>
    </message>
    <message>
        <source>Model: %1 · Started %2</source>
        <translation>Modèle : %1 · Commencée le %2</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non défini</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Invite système</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>Assistant (%1)</source>
        <translation>Assistant (%1)</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Réflexion</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) attached</source>
        <translation>
            <numerusform>%n image jointe</numerusform>
            <numerusform>%n images jointes</numerusform>
        </translation>
    </message>
    <message>
        <source>(stopped)</source>
        <translation>(interrompu)</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Erreur : %1</translation>
    </message>
    <message>
        <source>The file is larger than %1 MB.</source>
        <translation>Le fichier dépasse %1 Mo.</translation>
    </message>
    <message>
        <source>The file is not valid JSON: %1 (at byte %2).</source>
        <translation>Le fichier n’est pas du JSON valide : %1 (à l’octet %2).</translation>
    </message>
    <message>
        <source>The file is not a Corral chat export (its &quot;format&quot; is not &quot;corral-chat&quot;).</source>
        <translation>Le fichier n’est pas un export de discussion de Corral (son « format » n’est pas « corral-chat »).</translation>
    </message>
    <message>
        <source>The file uses export version %1; this Corral reads version %2.</source>
        <translation>Le fichier utilise la version d’export %1 ; ce Corral lit la version %2.</translation>
    </message>
    <message>
        <source>The file has no &quot;messages&quot; list.</source>
        <translation>Le fichier ne contient pas de liste « messages ».</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be text.</source>
        <translation>« %1 » doit être du texte.</translation>
    </message>
    <message>
        <source>Message %1 has no valid role (user, assistant or system).</source>
        <translation>Le message %1 n’a pas de rôle valide (user, assistant ou system).</translation>
    </message>
    <message>
        <source>Message %1 has no text content.</source>
        <translation>Le message %1 n’a pas de contenu textuel.</translation>
    </message>
    <message>
        <source>Message %1: &quot;images&quot; must be a list.</source>
        <translation>Message %1 : « images » doit être une liste.</translation>
    </message>
    <message>
        <source>Message %1 has an image that is not base64.</source>
        <translation>Le message %1 contient une image qui n’est pas en base64.</translation>
    </message>
    <message>
        <source>Tool call: %1</source>
        <translation>Appel d’outil : %1</translation>
    </message>
    <message>
        <source>Message %1: &quot;tool_calls&quot; must be a list of {&quot;function&quot;: {&quot;name&quot;, &quot;arguments&quot;}}.</source>
        <translation>Message %1 : « tool_calls » doit être une liste de {&quot;function&quot;: {&quot;name&quot;, &quot;arguments&quot;}}.</translation>
    </message>
    <message>
        <source>Attached: %1 (%2)</source>
        <translation>Pièce jointe : %1 (%2)</translation>
    </message>
    <message>
        <source>Message %1: %2</source>
        <translation>Message %1 : %2</translation>
    </message>
    <message>
        <source>The chat no longer exists.</source>
        <translation>La discussion n’existe plus.</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>le fichier est trop volumineux</translation>
    </message>
</context>
<context>
    <name>Corral::ConfigValidation</name>
    <message>
        <source>an http:// or https:// address such as http://127.0.0.1:11434 or http://192.168.1.1:11434</source>
        <translation>une adresse http:// ou https:// comme http://127.0.0.1:11434 ou http://192.168.1.1:11434</translation>
    </message>
    <message>
        <source>a whole number of seconds from 0 to 2073600 (0 means no limit)</source>
        <translation>un nombre entier de secondes entre 0 et 2073600 (0 signifie sans limite)</translation>
    </message>
    <message>
        <source>a port number from 0 to 65535 (0 picks any free port)</source>
        <translation>un numéro de port entre 0 et 65535 (0 choisit un port libre)</translation>
    </message>
    <message>
        <source>an IP address such as 127.0.0.1, ::1 or 0.0.0.0</source>
        <translation>une adresse IP comme 127.0.0.1, ::1 ou 0.0.0.0</translation>
    </message>
    <message>
        <source>a size in bytes greater than 0, optionally with K, M or G (for example 100M)</source>
        <translation>une taille en octets supérieure à 0, éventuellement avec K, M ou G (par exemple 100M)</translation>
    </message>
</context>
<context>
    <name>Corral::ConversationView</name>
    <message>
        <source>Start a conversation</source>
        <translation>Commencez une conversation</translation>
    </message>
    <message>
        <source>Type a message below. Chats are kept on this computer.</source>
        <translation>Écrivez un message ci-dessous. Les discussions restent sur cet ordinateur.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>Assistant · %1</source>
        <translation>Assistant · %1</translation>
    </message>
    <message>
        <source>Hide thinking</source>
        <translation>Masquer la réflexion</translation>
    </message>
    <message>
        <source>Show thinking</source>
        <translation>Afficher la réflexion</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>Modifier et renvoyer</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copier le code</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Réflexion…</translation>
    </message>
    <message>
        <source>Tool call: %1</source>
        <translation>Appel d’outil : %1</translation>
    </message>
    <message>
        <source>Loading %1 messages…</source>
        <translation>Chargement de %1 messages…</translation>
    </message>
</context>
<context>
    <name>Corral::Credentials</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Cannot create the directory %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>The data directory %1 is a symbolic link, which Corral does not follow. Use the directory it points to with --data-dir or CORRAL_DATA_DIR.</source>
        <translation>Le dossier de données %1 est un lien symbolique, que Corral ne suit pas. Utilisez le dossier vers lequel il pointe avec --data-dir ou CORRAL_DATA_DIR.</translation>
    </message>
    <message>
        <source>The data directory %1 is not a directory. Remove it or choose another one with --data-dir or CORRAL_DATA_DIR.</source>
        <translation>Le dossier de données %1 n’est pas un dossier. Supprimez-le ou choisissez-en un autre avec --data-dir ou CORRAL_DATA_DIR.</translation>
    </message>
    <message>
        <source>The data directory %1 belongs to another user (uid %2). Use a directory of your own with --data-dir or CORRAL_DATA_DIR.</source>
        <translation>Le dossier de données %1 appartient à un autre utilisateur (UID %2). Utilisez un dossier à vous avec --data-dir ou CORRAL_DATA_DIR.</translation>
    </message>
    <message>
        <source>The data directory %1 can be written by other users (mode %2). Run &quot;chmod 700 %1&quot; or choose another one with --data-dir or CORRAL_DATA_DIR.</source>
        <translation>Le dossier de données %1 est accessible en écriture à d’autres utilisateurs (mode %2). Exécutez « chmod 700 %1 » ou choisissez-en un autre avec --data-dir ou CORRAL_DATA_DIR.</translation>
    </message>
</context>
<context>
    <name>Corral::CredentialsCommands</name>
    <message>
        <source>Print the owner token and exit.</source>
        <translation>Afficher le jeton du propriétaire et quitter.</translation>
    </message>
    <message>
        <source>Replace the owner token (ends every browser session) and exit.</source>
        <translation>Remplacer le jeton du propriétaire (met fin à toutes les sessions de navigateur) et quitter.</translation>
    </message>
    <message>
        <source>Print a one-time sign-in link (valid 60 s) for the running instance and exit.</source>
        <translation>Afficher un lien de connexion à usage unique (valable 60 s) pour l’instance en cours et quitter.</translation>
    </message>
    <message>
        <source>Create an API key named NAME, print it once, and exit.</source>
        <translation>Créer une clé d’API nommée NAME, l’afficher une fois et quitter.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Scope of a new API key: chat (default) or full.</source>
        <translation>Portée d’une nouvelle clé d’API : chat (par défaut) ou full.</translation>
    </message>
    <message>
        <source>SCOPE</source>
        <translation>PORTÉE</translation>
    </message>
    <message>
        <source>List the API keys and exit.</source>
        <translation>Lister les clés d’API et quitter.</translation>
    </message>
    <message>
        <source>Revoke the API key named NAME and exit.</source>
        <translation>Révoquer la clé d’API nommée NAME et quitter.</translation>
    </message>
    <message>
        <source>The owner token was replaced; browsers must sign in again.</source>
        <translation>Le jeton du propriétaire a été remplacé ; les navigateurs doivent se reconnecter.</translation>
    </message>
    <message>
        <source>No running Corral uses the data directory %1. Start it first.</source>
        <translation>Aucun Corral en cours n’utilise le dossier de données %1. Lancez-le d’abord.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --scope: expected chat or full.</source>
        <translation>Valeur « %1 » non valide pour --scope : chat ou full attendu.</translation>
    </message>
    <message>
        <source>Keep this key safe: it is shown only once.</source>
        <translation>Conservez cette clé en lieu sûr : elle n’est affichée qu’une seule fois.</translation>
    </message>
    <message>
        <source>Revoked.</source>
        <translation>Révoquée.</translation>
    </message>
    <message>
        <source>A new chat key may use ollama.com cloud models (full keys may already).</source>
        <translation>Une nouvelle clé de discussion peut utiliser les modèles cloud d’ollama.com (les clés à portée complète le peuvent déjà).</translation>
    </message>
    <message>
        <source>--allow-cloud is for chat keys: keys with the full scope may use cloud models already.</source>
        <translation>--allow-cloud est destiné aux clés de discussion : les clés à portée complète peuvent déjà utiliser les modèles cloud.</translation>
    </message>
    <message>
        <source>Models a new or edited API key may use: names or name:* patterns, comma-separated (&quot;*&quot; or empty: every model).</source>
        <translation>Modèles qu’une clé d’API nouvelle ou modifiée peut utiliser : noms ou motifs name:*, séparés par des virgules (« * » ou vide : tous les modèles).</translation>
    </message>
    <message>
        <source>LIST</source>
        <translation>LISTE</translation>
    </message>
    <message>
        <source>At most N requests of a new or edited API key at once (0: no limit).</source>
        <translation>Au plus N requêtes simultanées d’une clé d’API nouvelle ou modifiée (0 : aucune limite).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>A new or edited API key stops working at DATE (YYYY-MM-DD or an ISO date and time; &quot;never&quot; clears it).</source>
        <translation>Une clé d’API nouvelle ou modifiée cesse de fonctionner à DATE (AAAA-MM-JJ ou une date et une heure ISO ; « never » supprime l’expiration).</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATE</translation>
    </message>
    <message>
        <source>Change the limits (--models, --max-in-flight, --expires) of the API key named NAME and exit.</source>
        <translation>Modifier les limites (--models, --max-in-flight, --expires) de la clé d’API nommée NAME et quitter.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --max-in-flight: expected a number, 0 for no limit.</source>
        <translation>Valeur « %1 » non valide pour --max-in-flight : un nombre est attendu, 0 pour aucune limite.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --expires: expected YYYY-MM-DD, an ISO date and time, or never.</source>
        <translation>Valeur « %1 » non valide pour --expires : AAAA-MM-JJ, une date et une heure ISO ou never attendu.</translation>
    </message>
    <message>
        <source>There is no key named &quot;%1&quot;.</source>
        <translation>Il n’existe aucune clé nommée « %1 ».</translation>
    </message>
    <message>
        <source>Limits of &quot;%1&quot;: %2</source>
        <translation>Limites de « %1 » : %2</translation>
    </message>
</context>
<context>
    <name>Corral::GuardedTcpServer</name>
    <message>
        <source>The request headers took too long to arrive.</source>
        <translation>Les en-têtes de la requête ont mis trop de temps à arriver.</translation>
    </message>
    <message>
        <source>The request body stopped arriving.</source>
        <translation>Le corps de la requête a cessé d’arriver.</translation>
    </message>
    <message>
        <source>Too many connections to Corral at once. Try again in a moment.</source>
        <translation>Trop de connexions simultanées à Corral. Réessayez dans un instant.</translation>
    </message>
</context>
<context>
    <name>Corral::HistoryApi</name>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>Le corps de la requête doit être un objet JSON.</translation>
    </message>
    <message>
        <source>Unknown API path. See /api/v1/chats.</source>
        <translation>Chemin d’API inconnu. Voir /api/v1/chats.</translation>
    </message>
    <message>
        <source>The chat could not be stored.</source>
        <translation>La discussion n’a pas pu être enregistrée.</translation>
    </message>
    <message>
        <source>Use GET or POST.</source>
        <translation>Utilisez GET ou POST.</translation>
    </message>
    <message>
        <source>There is no chat %1.</source>
        <translation>Il n’existe aucune discussion %1.</translation>
    </message>
    <message>
        <source>Use GET, PATCH or DELETE.</source>
        <translation>Utilisez GET, PATCH ou DELETE.</translation>
    </message>
    <message>
        <source>&quot;role&quot; must be user, assistant or system.</source>
        <translation>« role » doit valoir user, assistant ou system.</translation>
    </message>
    <message>
        <source>&quot;content&quot; must be text.</source>
        <translation>« content » doit être du texte.</translation>
    </message>
    <message>
        <source>The message could not be stored.</source>
        <translation>Le message n’a pas pu être enregistré.</translation>
    </message>
    <message>
        <source>Say from which position to delete: ?from=N.</source>
        <translation>Indiquez à partir de quelle position supprimer : ?from=N.</translation>
    </message>
    <message>
        <source>The messages could not be deleted.</source>
        <translation>Les messages n’ont pas pu être supprimés.</translation>
    </message>
    <message>
        <source>Use POST or DELETE.</source>
        <translation>Utilisez POST ou DELETE.</translation>
    </message>
    <message>
        <source>Use DELETE.</source>
        <translation>Utilisez DELETE.</translation>
    </message>
    <message>
        <source>There is no message %1 in this chat.</source>
        <translation>Il n’existe aucun message %1 dans cette discussion.</translation>
    </message>
    <message>
        <source>The message could not be deleted.</source>
        <translation>Le message n’a pas pu être supprimé.</translation>
    </message>
    <message>
        <source>Use GET.</source>
        <translation>Utilisez GET.</translation>
    </message>
    <message>
        <source>Use POST with the file as the body.</source>
        <translation>Utilisez POST avec le fichier comme corps de la requête.</translation>
    </message>
    <message>
        <source>Say the file&apos;s name: ?name=&lt;file name&gt;.</source>
        <translation>Indiquez le nom du fichier : ?name=&lt;nom du fichier&gt;.</translation>
    </message>
</context>
<context>
    <name>Corral::HttpResponseParser</name>
    <message>
        <source>Ollama&apos;s response headers are larger than 64 KiB</source>
        <translation>Les en-têtes de la réponse d’Ollama dépassent 64 Kio</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer is not a valid HTTP response</source>
        <translation>La réponse d’Ollama n’est pas une réponse HTTP valide</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer uses obsolete folded headers</source>
        <translation>La réponse d’Ollama utilise des en-têtes repliés obsolètes</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer has a malformed header line</source>
        <translation>La réponse d’Ollama contient une ligne d’en-tête mal formée</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer has too many headers</source>
        <translation>La réponse d’Ollama contient trop d’en-têtes</translation>
    </message>
    <message>
        <source>Ollama switched protocols unexpectedly</source>
        <translation>Ollama a changé de protocole de façon inattendue</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer has an invalid Content-Length</source>
        <translation>La réponse d’Ollama a un en-tête Content-Length non valide</translation>
    </message>
    <message>
        <source>Ollama&apos;s answer has a malformed chunk</source>
        <translation>La réponse d’Ollama contient un bloc mal formé</translation>
    </message>
    <message>
        <source>the connection closed before the answer was complete</source>
        <translation>la connexion s’est fermée avant que la réponse soit complète</translation>
    </message>
    <message>
        <source>the connection closed before Ollama answered</source>
        <translation>la connexion s’est fermée avant la réponse d’Ollama</translation>
    </message>
</context>
<context>
    <name>Corral::InstalledModelsModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Famille</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Quantification</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
</context>
<context>
    <name>Corral::KeyLimits</name>
    <message>
        <source>&quot;%1&quot; is not a model name or a name:* pattern.</source>
        <translation>« %1 » n’est ni un nom de modèle ni un motif name:*.</translation>
    </message>
</context>
<context>
    <name>Corral::KeyLimitsDialog</name>
    <message numerus="yes">
        <source>%n at once</source>
        <translation>
            <numerusform>%n à la fois</numerusform>
            <numerusform>%n à la fois</numerusform>
        </translation>
    </message>
    <message>
        <source>expired %1</source>
        <translation>expirée le %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>jusqu’au %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
</context>
<context>
    <name>Corral::LanguagePage</name>
    <message>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>A new language is used the next time Corral starts.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage de Corral.</translation>
    </message>
</context>
<context>
    <name>Corral::LocalServer</name>
    <message>
        <source>Nothing here. The Ollama API is under /ollama, for example /ollama/api/tags.</source>
        <translation>Rien ici. L’API d’Ollama se trouve sous /ollama, par exemple /ollama/api/tags.</translation>
    </message>
    <message>
        <source>TLS needs both a certificate (--tls-cert) and a private key (--tls-key).</source>
        <translation>TLS nécessite à la fois un certificat (--tls-cert) et une clé privée (--tls-key).</translation>
    </message>
    <message>
        <source>Cannot read a PEM certificate from %1.</source>
        <translation>Impossible de lire un certificat PEM depuis %1.</translation>
    </message>
    <message>
        <source>Cannot read the private key %1: %2</source>
        <translation>Impossible de lire la clé privée %1 : %2</translation>
    </message>
    <message>
        <source>%1 does not hold an unencrypted PEM private key.</source>
        <translation>%1 ne contient pas de clé privée PEM non chiffrée.</translation>
    </message>
    <message>
        <source>Port %1 on %2 is already in use. Pick another port with --port N (0 picks any free port), CORRAL_PORT or Preferences &gt; Local server, or stop the program that uses it.</source>
        <translation>Le port %1 sur %2 est déjà utilisé. Choisissez un autre port avec --port N (0 choisit un port libre), CORRAL_PORT ou Préférences &gt; Serveur local, ou arrêtez le programme qui l’utilise.</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation>Impossible d’écouter sur %1, port %2 : %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address to listen on.</source>
        <translation>« %1 » n’est pas une adresse IP sur laquelle écouter.</translation>
    </message>
    <message>
        <source>The local server accepts connections from other devices on %1. Without TLS (--tls-cert, --tls-key), tokens and chats cross the network unencrypted.</source>
        <translation>Le serveur local accepte les connexions d’autres appareils sur %1. Sans TLS (--tls-cert, --tls-key), les jetons et les discussions traversent le réseau en clair.</translation>
    </message>
    <message>
        <source>The request could not be read unambiguously.</source>
        <translation>La requête n’a pas pu être lue sans ambiguïté.</translation>
    </message>
</context>
<context>
    <name>Corral::LocalServerPage</name>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>Fichiers PEM (*.pem *.crt *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>Certificat TLS</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>Clé privée TLS</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Regenerate token</source>
        <translation>Régénérer le jeton</translation>
    </message>
    <message>
        <source>Make a new owner token? Every browser is signed out and tools using the old token must get the new one.</source>
        <translation>Créer un nouveau jeton du propriétaire ? Tous les navigateurs sont déconnectés et les outils qui utilisent l’ancien jeton doivent recevoir le nouveau.</translation>
    </message>
    <message>
        <source>Create API key</source>
        <translation>Créer une clé d’API</translation>
    </message>
    <message>
        <source>Name (for example the tool that uses it):</source>
        <translation>Nom (par exemple l’outil qui l’utilise) :</translation>
    </message>
    <message>
        <source>Chat only (chat, generate, embeddings, model lists)</source>
        <translation>Discussion seulement (chat, génération, embeddings, listes de modèles)</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Portée :</translation>
    </message>
    <message>
        <source>API key created</source>
        <translation>Clé d’API créée</translation>
    </message>
    <message>
        <source>Copy the key now: it is shown only once.

%1</source>
        <translation>Copiez la clé maintenant : elle n’est affichée qu’une seule fois.

%1</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>Révoquer la clé d’API</translation>
    </message>
    <message>
        <source>full</source>
        <translation>complète</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>discussion</translation>
    </message>
    <message>
        <source>TLS needs both a certificate and a key.</source>
        <translation>TLS nécessite à la fois un certificat et une clé.</translation>
    </message>
    <message>
        <source>%1 is not a readable PEM certificate.</source>
        <translation>%1 n’est pas un certificat PEM lisible.</translation>
    </message>
    <message>
        <source>%1 is not a readable PEM private key.</source>
        <translation>%1 n’est pas une clé privée PEM lisible.</translation>
    </message>
    <message>
        <source>Chat, with cloud models (they run on ollama.com and spend your account)</source>
        <translation>Discussion, avec les modèles cloud (ils s’exécutent sur ollama.com et sont imputés à votre compte)</translation>
    </message>
    <message>
        <source>Full (also pull, push, create, copy, delete, and cloud models)</source>
        <translation>Complète (aussi pull, push, création, copie, suppression et modèles cloud)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>yes (this key)</source>
        <translation>oui (cette clé)</translation>
    </message>
    <message>
        <source>yes (setting below)</source>
        <translation>oui (réglage ci-dessous)</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Limits of the new key</source>
        <translation>Limites de la nouvelle clé</translation>
    </message>
    <message>
        <source>Limits of &quot;%1&quot;</source>
        <translation>Limites de « %1 »</translation>
    </message>
    <message>
        <source>API key limits</source>
        <translation>Limites de la clé d’API</translation>
    </message>
</context>
<context>
    <name>Corral::MainWindow</name>
    <message>
        <source>Copy browser link</source>
        <translation>Copier le lien du navigateur</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Ouvrir dans le navigateur</translation>
    </message>
    <message>
        <source>A sign-in link valid for 60 seconds was copied.</source>
        <translation>Un lien de connexion valable 60 secondes a été copié.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Editing an earlier message: sending replaces it and everything after it.</source>
        <translation>Modification d’un message précédent : l’envoi le remplace, ainsi que tout ce qui suit.</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Discussion</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>&amp;Nouvelle discussion</translation>
    </message>
    <message>
        <source>&amp;Search chats</source>
        <translation>&amp;Rechercher dans les discussions</translation>
    </message>
    <message>
        <source>S&amp;top answer</source>
        <translation>Arrê&amp;ter la réponse</translation>
    </message>
    <message>
        <source>Chat &amp;settings…</source>
        <translation>&amp;Paramètres de la discussion…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>Pré&amp;férences…</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>&amp;Modèles…</translation>
    </message>
    <message>
        <source>Export as &amp;Markdown…</source>
        <translation>Exporter en &amp;Markdown…</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>Exporter la discussion</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Export as &amp;JSON…</source>
        <translation>Exporter en &amp;JSON…</translation>
    </message>
    <message>
        <source>Corral chat (*.json)</source>
        <translation>Discussion Corral (*.json)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Import chat</source>
        <translation>Importer une discussion</translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 n’a pas été importé : %2</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Corral</source>
        <translation>À &amp;propos de Corral</translation>
    </message>
    <message>
        <source>Local server: %1</source>
        <translation>Serveur local : %1</translation>
    </message>
    <message>
        <source>The model %1 is no longer installed; this chat now uses %2. Pick another above.</source>
        <translation>Le modèle %1 n’est plus installé ; cette discussion utilise maintenant %2. Choisissez-en un autre ci-dessus.</translation>
    </message>
    <message>
        <source>Connecting to Ollama at %1…</source>
        <translation>Connexion à Ollama sur %1…</translation>
    </message>
    <message>
        <source>Ollama %1 at %2</source>
        <translation>Ollama %1 sur %2</translation>
    </message>
    <message>
        <source>Pick a model first.</source>
        <translation>Choisissez d’abord un modèle.</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>Renommer la discussion</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titre :</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Delete chat</source>
        <translation>Supprimer la discussion</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; and all its messages?</source>
        <translation>Supprimer « %1 » et tous ses messages ?</translation>
    </message>
    <message>
        <source>Open a chat to export it.</source>
        <translation>Ouvrez une discussion pour l’exporter.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportée vers %1</translation>
    </message>
    <message>
        <source>About Corral</source>
        <translation>À propos de Corral</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Corral %1&lt;/h3&gt;&lt;p&gt;A desktop client for Ollama with an authenticated local proxy.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Corral %1&lt;/h3&gt;&lt;p&gt;Un client de bureau pour Ollama avec un proxy local authentifié.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1, running on Qt %2.&lt;br&gt;License: GPL-3.0-or-later.&lt;/p&gt;&lt;p&gt;Data directory:&lt;br&gt;&lt;code&gt;%3&lt;/code&gt;&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;https://github.com/corral-app/corral&quot;&gt;Project page&lt;/a&gt; · &lt;a href=&quot;https://ollama.com&quot;&gt;Ollama&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Compilé avec Qt %1, exécuté avec Qt %2.&lt;br&gt;Licence : GPL-3.0-or-later.&lt;/p&gt;&lt;p&gt;Dossier de données :&lt;br&gt;&lt;code&gt;%3&lt;/code&gt;&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;https://github.com/corral-app/corral&quot;&gt;Page du projet&lt;/a&gt; · &lt;a href=&quot;https://ollama.com&quot;&gt;Ollama&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Indexing chats for search… %1%</source>
        <translation>Indexation des discussions pour la recherche… %1 %</translation>
    </message>
    <message>
        <source>Chats are indexed for search.</source>
        <translation>Les discussions sont indexées pour la recherche.</translation>
    </message>
    <message>
        <source>Indexing chats for search failed; search stays slower.</source>
        <translation>L’indexation des discussions pour la recherche a échoué ; la recherche reste plus lente.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivée</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Activée</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Élevée</translation>
    </message>
    <message>
        <source>Requests through Corral&apos;s local server right now: show who makes them</source>
        <translation>Requêtes en cours via le serveur local de Corral : afficher qui les envoie</translation>
    </message>
    <message>
        <source>On %1</source>
        <translation>Sur %1</translation>
    </message>
    <message>
        <source>&amp;Activity…</source>
        <translation>&amp;Activité…</translation>
    </message>
    <message>
        <source>%1 of %2 Ollama servers answering</source>
        <translation>%1 serveurs Ollama sur %2 répondent</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>A PDF is still being read; send when its chip shows its pages.</source>
        <translation>Un PDF est encore en cours de lecture ; envoyez quand sa pastille affiche ses pages.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message>
        <source>Images, text, code and PDF files (*);;PDF files (*.pdf);;Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>Images, fichiers texte, code et PDF (*);;Fichiers PDF (*.pdf);;Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export vers %1…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 importé</translation>
    </message>
    <message>
        <source>1 stream</source>
        <translation>1 flux</translation>
    </message>
    <message>
        <source>%1 streams</source>
        <translation>%1 flux</translation>
    </message>
    <message>
        <source>Your message is saved; the answer starts once the chat has loaded.</source>
        <translation>Votre message est enregistré ; la réponse commence dès que la conversation est chargée.</translation>
    </message>
</context>
<context>
    <name>Corral::ModelManager</name>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Ollama answered with status %1.</source>
        <translation>Ollama a répondu avec le statut %1.</translation>
    </message>
</context>
<context>
    <name>Corral::ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Filter models</source>
        <translation>Filtrer les modèles</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Détails…</translation>
    </message>
    <message>
        <source>Copy…</source>
        <translation>Copier…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installés</translation>
    </message>
    <message>
        <source>Copy model</source>
        <translation>Copier le modèle</translation>
    </message>
    <message>
        <source>New name for a copy of %1:</source>
        <translation>Nouveau nom pour une copie de %1 :</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Size in memory</source>
        <translation>Taille en mémoire</translation>
    </message>
    <message>
        <source>On GPU</source>
        <translation>Sur le GPU</translation>
    </message>
    <message>
        <source>Unloads at</source>
        <translation>Déchargé à</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>Décharger</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Model name, for example llama3.2 or qwen3:8b (name:tag)</source>
        <translation>Nom du modèle, par exemple llama3.2 ou qwen3:8b (nom:étiquette)</translation>
    </message>
    <message>
        <source>Pull</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <source>%1: %2 done.</source>
        <translation>%1 : %2 terminé.</translation>
    </message>
    <message>
        <source>%1 %2 failed: %3</source>
        <translation>%1 %2 a échoué : %3</translation>
    </message>
    <message>
        <source>Capabilities: %1

</source>
        <translation>Capacités : %1

</translation>
    </message>
    <message>
        <source>Parameters:
%1

</source>
        <translation>Paramètres :
%1

</translation>
    </message>
    <message>
        <source>Template:
%1

</source>
        <translation>Modèle de prompt :
%1

</translation>
    </message>
    <message>
        <source>System prompt:
%1

</source>
        <translation>Invite système :
%1

</translation>
    </message>
    <message>
        <source>License:
%1

</source>
        <translation>Licence :
%1

</translation>
    </message>
    <message>
        <source>Model info:
%1</source>
        <translation>Informations sur le modèle :
%1</translation>
    </message>
    <message>
        <source>Details of %1</source>
        <translation>Détails de %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1 : annulé</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1 : terminé</translation>
    </message>
    <message>
        <source>%1: %2 of %3 at %4/s, %5 left</source>
        <translation>%1 : %2 sur %3 à %4/s, %5 restantes</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>durée inconnue</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Enter a model name such as llama3.2 or qwen3:8b (name:tag).</source>
        <translation>Saisissez un nom de modèle comme llama3.2 ou qwen3:8b (nom:étiquette).</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Supprimer le modèle</translation>
    </message>
    <message>
        <source>Delete %1? This frees %2 of disk space.</source>
        <translation>Supprimer %1 ? Cela libère %2 d’espace disque.</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source> (not answering)</source>
        <translation> (ne répond pas)</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaCall</name>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaClient</name>
    <message>
        <source>the server at this address answered, but it is not Ollama (HTTP status %1)</source>
        <translation>le serveur à cette adresse a répondu, mais ce n’est pas Ollama (statut HTTP %1)</translation>
    </message>
    <message>
        <source>no Ollama server is enabled</source>
        <translation>aucun serveur Ollama n’est activé</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaFailure</name>
    <message>
        <source>Ollama took too long to answer</source>
        <translation>Ollama a mis trop de temps à répondre</translation>
    </message>
    <message>
        <source>The answer from Ollama was cut off</source>
        <translation>La réponse d’Ollama a été interrompue</translation>
    </message>
    <message>
        <source>Request stopped</source>
        <translation>Requête arrêtée</translation>
    </message>
    <message>
        <source>Server connection error</source>
        <translation>Erreur de connexion au serveur</translation>
    </message>
    <message>
        <source>Could not connect to Ollama at %1: %2</source>
        <translation>Impossible de se connecter à Ollama sur %1 : %2</translation>
    </message>
    <message>
        <source>Could not connect to Ollama at %1: no connection within %2 seconds</source>
        <translation>Impossible de se connecter à Ollama sur %1 : aucune connexion en %2 secondes</translation>
    </message>
    <message>
        <source>Ollama at %1 did not finish its response within the %2-second limit. Raise it in Preferences &gt; Connection, with AIOHTTP_CLIENT_TIMEOUT or with --timeout (seconds, 0 = no limit).</source>
        <translation>Ollama sur %1 n’a pas terminé sa réponse dans la limite de %2 secondes. Augmentez-la dans Préférences &gt; Connexion, avec AIOHTTP_CLIENT_TIMEOUT ou avec --timeout (secondes, 0 = sans limite).</translation>
    </message>
    <message>
        <source>Ollama at %1 did not answer within the %2-second limit for model lists and version checks. Raise it with AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST (seconds).</source>
        <translation>Ollama sur %1 n’a pas répondu dans la limite de %2 secondes prévue pour les listes de modèles et la vérification de version. Augmentez-la avec AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST (secondes).</translation>
    </message>
    <message>
        <source>The connection to Ollama at %1 broke during the answer: %2</source>
        <translation>La connexion à Ollama sur %1 s’est rompue pendant la réponse : %2</translation>
    </message>
    <message>
        <source>The request to Ollama at %1 was stopped.</source>
        <translation>La requête envoyée à Ollama sur %1 a été arrêtée.</translation>
    </message>
    <message>
        <source>Large or thinking models can need more time, especially while the model is still loading.</source>
        <translation>Les modèles volumineux ou qui réfléchissent peuvent demander plus de temps, surtout pendant le chargement du modèle.</translation>
    </message>
    <message>
        <source>Raise the response time limit in Preferences &gt; Connection, or set AIOHTTP_CLIENT_TIMEOUT (or --timeout) to more seconds, or to 0 for no limit.</source>
        <translation>Augmentez le délai de réponse dans Préférences &gt; Connexion, ou réglez AIOHTTP_CLIENT_TIMEOUT (ou --timeout) sur plus de secondes, ou sur 0 pour ne fixer aucune limite.</translation>
    </message>
    <message>
        <source>Make sure Ollama is running on that machine (for example with &quot;ollama serve&quot;) and is up to date; see https://ollama.com for the latest version.</source>
        <translation>Vérifiez qu’Ollama fonctionne sur cette machine (par exemple avec « ollama serve ») et qu’il est à jour ; la dernière version se trouve sur https://ollama.com.</translation>
    </message>
    <message>
        <source>Check that the address is a full URL with scheme, host and port, such as http://127.0.0.1:11434 on this computer or http://192.168.1.1:11434 for another machine.</source>
        <translation>Vérifiez que l’adresse est une URL complète avec schéma, hôte et port, comme http://127.0.0.1:11434 sur cet ordinateur ou http://192.168.1.1:11434 pour une autre machine.</translation>
    </message>
    <message>
        <source>If Ollama runs in a container or on another host, it must listen on an address reachable from here (OLLAMA_HOST=0.0.0.0 on that side) and the port must be published; 127.0.0.1 inside a container is not this computer.</source>
        <translation>Si Ollama tourne dans un conteneur ou sur une autre machine, il doit écouter sur une adresse joignable d’ici (OLLAMA_HOST=0.0.0.0 de ce côté) et le port doit être publié ; 127.0.0.1 dans un conteneur n’est pas cet ordinateur.</translation>
    </message>
    <message>
        <source>Set the address in Preferences &gt; Connection, with OLLAMA_BASE_URL or with --ollama-url, then try again.</source>
        <translation>Indiquez l’adresse dans Préférences &gt; Connexion, avec OLLAMA_BASE_URL ou avec --ollama-url, puis réessayez.</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaProxy</name>
    <message>
        <source>This path or method cannot be forwarded to Ollama. Use /ollama/api/... without &quot;.&quot; or &quot;..&quot; segments.</source>
        <translation>Ce chemin ou cette méthode ne peut pas être transmis à Ollama. Utilisez /ollama/api/... sans segments « . » ni « .. ».</translation>
    </message>
    <message>
        <source>Corral is shutting down.</source>
        <translation>Corral s’arrête.</translation>
    </message>
    <message>
        <source>The model &quot;%1&quot; runs on ollama.com and spends the owner&apos;s account: this chat-scope API key may not use it. The owner can create a key with --allow-cloud, or allow every chat key in Preferences &gt; Local server &gt; &quot;Chat keys may use cloud models&quot; (setting %2).</source>
        <translation>Le modèle « %1 » s’exécute sur ollama.com et est imputé au compte du propriétaire : cette clé d’API à portée « chat » ne peut pas l’utiliser. Le propriétaire peut créer une clé avec --allow-cloud, ou autoriser toutes les clés de discussion dans Préférences &gt; Serveur local &gt; « Les clés de discussion peuvent utiliser les modèles cloud » (réglage %2).</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaRouter</name>
    <message>
        <source>Corral is shutting down.</source>
        <translation>Corral est en cours d’arrêt.</translation>
    </message>
    <message>
        <source>Ollama answered HTTP %1</source>
        <translation>Ollama a répondu HTTP %1</translation>
    </message>
    <message>
        <source>No Ollama server is enabled.</source>
        <translation>Aucun serveur Ollama n’est activé.</translation>
    </message>
    <message>
        <source>There is no enabled Ollama server %1: %2 are configured, numbered from 0.</source>
        <translation>Il n’y a pas de serveur Ollama %1 activé : %2 sont configurés, numérotés à partir de 0.</translation>
    </message>
</context>
<context>
    <name>Corral::OllamaServers</name>
    <message>
        <source>Ollama answered HTTP %1 to /api/tags</source>
        <translation>Ollama a répondu HTTP %1 à /api/tags</translation>
    </message>
</context>
<context>
    <name>Corral::PreferencesDialog</name>
    <message>
        <source>Local server</source>
        <translation>Serveur local</translation>
    </message>
    <message>
        <source>How long Ollama may take to finish an answer (5 minutes by default). Large or thinking models may need more.</source>
        <translation>Durée accordée à Ollama pour terminer une réponse (5 minutes par défaut). Les modèles volumineux ou qui réfléchissent peuvent demander davantage.</translation>
    </message>
    <message>
        <source>Connected: Ollama %1.</source>
        <translation>Connecté : Ollama %1.</translation>
    </message>
    <message>
        <source>This Ollama is older than %1: update it (see ollama.com) to see the reasoning of thinking models and use current models.</source>
        <translation>Cet Ollama est antérieur à %1 : mettez-le à jour (voir ollama.com) pour voir la réflexion des modèles qui réfléchissent et utiliser les modèles actuels.</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) installed.</source>
        <translation>
            <numerusform>%n modèle installé.</numerusform>
            <numerusform>%n modèles installés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Set by %1; change it there.</source>
        <translation>Défini par %1 ; modifiez-le à cet endroit.</translation>
    </message>
    <message>
        <source>The Ollama URL must be %1.</source>
        <translation>L’URL d’Ollama doit être %1.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The URL of server %1 must be %2.</source>
        <translation>L’URL du serveur %1 doit être %2.</translation>
    </message>
    <message>
        <source>At least one Ollama server must be enabled.</source>
        <translation>Au moins un serveur Ollama doit être activé.</translation>
    </message>
    <message>
        <source>The first enabled server</source>
        <translation>Le premier serveur activé</translation>
    </message>
</context>
<context>
    <name>Corral::ProxyExchange</name>
    <message>
        <source>Corral&apos;s local server is stopping.</source>
        <translation>Le serveur local de Corral s’arrête.</translation>
    </message>
    <message>
        <source>Ollama closed the connection without answering</source>
        <translation>Ollama a fermé la connexion sans répondre</translation>
    </message>
    <message>
        <source>Corral&apos;s local server stopped during the answer.</source>
        <translation>Le serveur local de Corral s’est arrêté pendant la réponse.</translation>
    </message>
    <message>
        <source>Stopped in Corral&apos;s activity view.</source>
        <translation>Arrêtée dans la vue d’activité de Corral.</translation>
    </message>
    <message>
        <source>The Ollama servers were reconfigured; try again.</source>
        <translation>Les serveurs Ollama ont été reconfigurés ; réessayez.</translation>
    </message>
    <message>
        <source>The client went away.</source>
        <translation>Le client s’est déconnecté.</translation>
    </message>
</context>
<context>
    <name>Corral::Settings</name>
    <message>
        <source>Could not save the settings to %1.</source>
        <translation>Impossible d’enregistrer les paramètres dans %1.</translation>
    </message>
</context>
<context>
    <name>Corral::StartupOptions</name>
    <message>
        <source>Corral: a desktop client for Ollama with an authenticated local /ollama proxy.</source>
        <translation>Corral : un client de bureau pour Ollama avec un proxy local /ollama authentifié.</translation>
    </message>
    <message>
        <source>Run the local server only, without a window.</source>
        <translation>Lancer uniquement le serveur local, sans fenêtre.</translation>
    </message>
    <message>
        <source>Port of the local server (0 = any free port; default 8080; CORRAL_PORT).</source>
        <translation>Port du serveur local (0 = n’importe quel port libre ; 8080 par défaut ; CORRAL_PORT).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Address the local server listens on (default 127.0.0.1; CORRAL_BIND).</source>
        <translation>Adresse d’écoute du serveur local (127.0.0.1 par défaut ; CORRAL_BIND).</translation>
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
        <translation>Secondes accordées à Ollama pour terminer une réponse (300 par défaut, 0 = sans limite ; AIOHTTP_CLIENT_TIMEOUT).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDES</translation>
    </message>
    <message>
        <source>Largest request body the local server accepts (default 100M; CORRAL_MAX_BODY_SIZE).</source>
        <translation>Taille maximale du corps de requête accepté par le serveur local (100M par défaut ; CORRAL_MAX_BODY_SIZE).</translation>
    </message>
    <message>
        <source>SIZE</source>
        <translation>TAILLE</translation>
    </message>
    <message>
        <source>Directory for settings, chats and credentials (CORRAL_DATA_DIR).</source>
        <translation>Dossier des paramètres, des discussions et des identifiants (CORRAL_DATA_DIR).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DOSSIER</translation>
    </message>
    <message>
        <source>Comma-separated browser origins (with * wildcards) that may call /ollama with a token (CORS; CORRAL_ALLOWED_ORIGINS).</source>
        <translation>Origines de navigateur séparées par des virgules (jokers * permis) autorisées à appeler /ollama avec un jeton (CORS ; CORRAL_ALLOWED_ORIGINS).</translation>
    </message>
    <message>
        <source>LIST</source>
        <translation>LISTE</translation>
    </message>
    <message>
        <source>Comma-separated host names this server answers to besides localhost, when it listens on a network address (CORRAL_ALLOWED_HOSTS).</source>
        <translation>Noms d’hôte séparés par des virgules auxquels ce serveur répond en plus de localhost lorsqu’il écoute sur une adresse réseau (CORRAL_ALLOWED_HOSTS).</translation>
    </message>
    <message>
        <source>PEM certificate for HTTPS (CORRAL_TLS_CERT).</source>
        <translation>Certificat PEM pour HTTPS (CORRAL_TLS_CERT).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>PEM private key for HTTPS (CORRAL_TLS_KEY).</source>
        <translation>Clé privée PEM pour HTTPS (CORRAL_TLS_KEY).</translation>
    </message>
    <message>
        <source>Run &quot;corral --help&quot; for the options.</source>
        <translation>Lancez « corral --help » pour voir les options.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;. Run &quot;corral --help&quot; for the options.</source>
        <translation>Argument inattendu « %1 ». Lancez « corral --help » pour voir les options.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for %2: expected %3.</source>
        <translation>Valeur « %1 » non valide pour %2 : %3 attendu.</translation>
    </message>
    <message>
        <source>CORRAL_TOKEN is %1 characters long; it must have at least %2. Unset it to use the generated token, or set a long random one (for example: openssl rand -base64 32).</source>
        <translation>CORRAL_TOKEN compte %1 caractères ; il en faut au moins %2. Supprimez cette variable pour utiliser le jeton généré, ou donnez-lui une longue valeur aléatoire (par exemple : openssl rand -base64 32).</translation>
    </message>
    <message>
        <source>Ollama server URL (default http://127.0.0.1:11434; OLLAMA_BASE_URL). Repeat it for several servers behind one /ollama (OLLAMA_BASE_URLS, &apos;;&apos;-separated).</source>
        <translation>URL du serveur Ollama (http://127.0.0.1:11434 par défaut ; OLLAMA_BASE_URL). Répétez l’option pour plusieurs serveurs derrière un seul /ollama (OLLAMA_BASE_URLS, séparées par « ; »).</translation>
    </message>
</context>
<context>
    <name>Corral::TokenStore</name>
    <message>
        <source>Cannot read the token file %1: %2</source>
        <translation>Impossible de lire le fichier de jeton %1 : %2</translation>
    </message>
    <message>
        <source>The token is set by CORRAL_TOKEN; change that variable instead.</source>
        <translation>Le jeton est défini par CORRAL_TOKEN ; modifiez plutôt cette variable.</translation>
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
        <translation>Ouvrir Corral</translation>
    </message>
    <message>
        <source>Copy browser link</source>
        <translation>Copier le lien du navigateur</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>KeyLimitsDialog</name>
    <message>
        <source>API key limits</source>
        <translation>Limites de la clé d’API</translation>
    </message>
    <message>
        <source>&amp;Models:</source>
        <translation>&amp;Modèles :</translation>
    </message>
    <message>
        <source>every model; or for example llama3.2, qwen3:*</source>
        <translation>tous les modèles ; ou par exemple llama3.2, qwen3:*</translation>
    </message>
    <message>
        <source>Names (llama3.2 means llama3.2:latest) or name:* for every tag of a name, separated by commas. Other models are refused, and the model lists show only these.</source>
        <translation>Des noms (llama3.2 signifie llama3.2:latest) ou name:* pour toutes les étiquettes d’un nom, séparés par des virgules. Les autres modèles sont refusés, et les listes de modèles n’affichent que ceux-ci.</translation>
    </message>
    <message>
        <source>Requests at &amp;once:</source>
        <translation>Requêtes &amp;simultanées :</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source>&amp;Expires on:</source>
        <translation>&amp;Expire le :</translation>
    </message>
    <message>
        <source>The key works until the end of the expiry day. Limits apply from the key&apos;s next request.</source>
        <translation>La clé fonctionne jusqu’à la fin du jour d’expiration. Les limites s’appliquent dès la prochaine requête de la clé.</translation>
    </message>
</context>
<context>
    <name>LocalServerPage</name>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Serve the /ollama proxy and the browser page on this computer</source>
        <translation>Servir le proxy /ollama et la page du navigateur sur cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port :</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>N’importe quel port libre</translation>
    </message>
    <message>
        <source>Allow access from other devices on the network</source>
        <translation>Autoriser l’accès depuis d’autres appareils du réseau</translation>
    </message>
    <message>
        <source>Without TLS, tokens and chats cross the network unencrypted. Add a certificate and key below.</source>
        <translation>Sans TLS, les jetons et les discussions traversent le réseau en clair. Ajoutez un certificat et une clé ci-dessous.</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>&amp;Certificat TLS :</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>C&amp;lé TLS :</translation>
    </message>
    <message>
        <source>Allowed &amp;origins:</source>
        <translation>&amp;Origines autorisées :</translation>
    </message>
    <message>
        <source>for example http://localhost:5173, https://*.example.org</source>
        <translation>par exemple http://localhost:5173, https://*.example.org</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <source>Owner token:</source>
        <translation>Jeton du propriétaire :</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation>Régénérer…</translation>
    </message>
    <message>
        <source>Copy browser sign-in link</source>
        <translation>Copier le lien de connexion du navigateur</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>Cloud models</source>
        <translation>Modèles cloud</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limites</translation>
    </message>
    <message>
        <source>Create key…</source>
        <translation>Créer une clé…</translation>
    </message>
    <message>
        <source>The models the selected key may use, how many requests it may have at once, and when it expires.</source>
        <translation>Les modèles que la clé sélectionnée peut utiliser, le nombre de requêtes qu’elle peut avoir à la fois et sa date d’expiration.</translation>
    </message>
    <message>
        <source>Limits…</source>
        <translation>Limites…</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>Chat keys may use cloud models (they run on ollama.com and spend your account)</source>
        <translation>Les clés de discussion peuvent utiliser les modèles cloud (ils s’exécutent sur ollama.com et sont imputés à votre compte)</translation>
    </message>
    <message>
        <source>Models named ...:cloud or ...-cloud. The owner token, signed-in browsers, keys with the full scope and chat keys created with cloud models may always use them; no API key reaches Ollama&apos;s account routes.</source>
        <translation>Modèles nommés ...:cloud ou ...-cloud. Le jeton du propriétaire, les navigateurs connectés, les clés à portée complète et les clés de discussion créées avec les modèles cloud peuvent toujours les utiliser ; aucune clé d’API n’atteint les routes de compte d’Ollama.</translation>
    </message>
    <message>
        <source>Browser session</source>
        <translation>Session de navigateur</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Déconnecter</translation>
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
        <translation>Nouvelle discussion</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>Rechercher dans les discussions</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modèle :</translation>
    </message>
    <message>
        <source>Message (Enter sends, Shift+Enter adds a line)</source>
        <translation>Message (Entrée envoie, Maj+Entrée ajoute une ligne)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>&amp;Thinking:</source>
        <translation>&amp;Réflexion :</translation>
    </message>
    <message>
        <source>How much the model thinks before it answers (models with the thinking capability; gpt-oss takes levels)</source>
        <translation>Degré de réflexion du modèle avant sa réponse (modèles dotés de la capacité « thinking » ; gpt-oss accepte des niveaux)</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Joindre…</translation>
    </message>
    <message>
        <source>Attach images, text and code files or PDFs (or drop or paste them)</source>
        <translation>Joindre des images, des fichiers texte et code ou des PDF (ou les déposer ou les coller)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Ollama server &amp;URL:</source>
        <translation>&amp;URL du serveur Ollama :</translation>
    </message>
    <message>
        <source>http://127.0.0.1:11434</source>
        <translation>http://127.0.0.1:11434</translation>
    </message>
    <message>
        <source>&amp;Verify connection</source>
        <translation>&amp;Vérifier la connexion</translation>
    </message>
    <message>
        <source>&amp;Response time limit:</source>
        <translation>Délai de &amp;réponse :</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Model list time limit:</source>
        <translation>Délai pour les listes de &amp;modèles :</translation>
    </message>
    <message>
        <source>Ollama &amp;servers:</source>
        <translation>&amp;Serveurs Ollama :</translation>
    </message>
    <message>
        <source>Requests for a model go to a server that has it, the least busy first. Untick a server to disable it; /ollama/&lt;n&gt;/ addresses server n (from 0).</source>
        <translation>Les requêtes pour un modèle vont à un serveur qui le possède, le moins occupé d’abord. Décochez un serveur pour le désactiver ; /ollama/&lt;n&gt;/ s’adresse au serveur n (à partir de 0).</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>R&amp;etirer</translation>
    </message>
    <message>
        <source>U&amp;p</source>
        <translation>Mo&amp;nter</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>Descen&amp;dre</translation>
    </message>
    <message>
        <source>Server &amp;name:</source>
        <translation>N&amp;om du serveur :</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>hôte:port</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>&amp;Clé d’API :</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>For an Ollama behind an authenticating proxy: sent to this server only, as &quot;Authorization: Bearer&quot;, and never logged.</source>
        <translation>Pour un Ollama derrière un proxy d’authentification : envoyée uniquement à ce serveur, comme « Authorization: Bearer », et jamais journalisée.</translation>
    </message>
    <message>
        <source>&amp;Downloads go to:</source>
        <translation>&amp;Téléchargements vers :</translation>
    </message>
    <message>
        <source>Where a pull without a server index goes (the Models dialog lets you pick each time).</source>
        <translation>Destination d’un pull sans index de serveur (la boîte de dialogue Modèles permet de choisir à chaque fois).</translation>
    </message>
</context>
<context>
    <name>RequestFramer</name>
    <message>
        <source>Request lines must end in CRLF; a bare CR or LF is not allowed.</source>
        <translation>Les lignes de la requête doivent se terminer par CRLF ; un CR ou un LF seul n’est pas autorisé.</translation>
    </message>
    <message>
        <source>Too many empty lines before the request line.</source>
        <translation>Trop de lignes vides avant la ligne de requête.</translation>
    </message>
    <message>
        <source>The request method is not a token.</source>
        <translation>La méthode de la requête n’est pas un token HTTP valide.</translation>
    </message>
    <message>
        <source>The request method %1 is not supported.</source>
        <translation>La méthode de requête %1 n’est pas prise en charge.</translation>
    </message>
    <message>
        <source>The request target must be a path starting with &apos;/&apos;, in visible ASCII characters, without a fragment.</source>
        <translation>La cible de la requête doit être un chemin commençant par « / », en caractères ASCII visibles, sans fragment.</translation>
    </message>
    <message>
        <source>The request line must be a method, a space, a target, a space and the HTTP version.</source>
        <translation>La ligne de requête doit comporter une méthode, un espace, une cible, un espace et la version HTTP.</translation>
    </message>
    <message>
        <source>The HTTP version in the request line is malformed.</source>
        <translation>La version HTTP de la ligne de requête est mal formée.</translation>
    </message>
    <message>
        <source>This server speaks HTTP/1.1 and HTTP/1.0 only.</source>
        <translation>Ce serveur ne parle que HTTP/1.1 et HTTP/1.0.</translation>
    </message>
    <message>
        <source>Header lines continued on the next line (obs-fold) are not allowed.</source>
        <translation>Les lignes d’en-tête poursuivies sur la ligne suivante (obs-fold) ne sont pas autorisées.</translation>
    </message>
    <message>
        <source>A header line must be a field name directly followed by &apos;:&apos;.</source>
        <translation>Une ligne d’en-tête doit être un nom de champ immédiatement suivi de « : ».</translation>
    </message>
    <message>
        <source>A header value contains a control character.</source>
        <translation>Une valeur d’en-tête contient un caractère de contrôle.</translation>
    </message>
    <message>
        <source>The request headers are larger than %1 bytes.</source>
        <translation>Les en-têtes de la requête dépassent %1 octets.</translation>
    </message>
    <message>
        <source>The request has more than %1 header fields.</source>
        <translation>La requête comporte plus de %1 champs d’en-tête.</translation>
    </message>
    <message>
        <source>An HTTP/1.1 request needs one Host header naming the server.</source>
        <translation>Une requête HTTP/1.1 doit comporter un en-tête Host qui nomme le serveur.</translation>
    </message>
    <message>
        <source>More than one Host header.</source>
        <translation>Plus d’un en-tête Host.</translation>
    </message>
    <message>
        <source>Duplicate Content-Length.</source>
        <translation>Content-Length en double.</translation>
    </message>
    <message>
        <source>Content-Length must be a decimal number.</source>
        <translation>Content-Length doit être un nombre décimal.</translation>
    </message>
    <message>
        <source>The request body is larger than the server&apos;s limit of %1 bytes.</source>
        <translation>Le corps de la requête dépasse la limite du serveur de %1 octets.</translation>
    </message>
    <message>
        <source>The only transfer coding supported is chunked.</source>
        <translation>Le seul codage de transfert pris en charge est chunked.</translation>
    </message>
    <message>
        <source>More than one Transfer-Encoding header.</source>
        <translation>Plus d’un en-tête Transfer-Encoding.</translation>
    </message>
    <message>
        <source>Content-Length and Transfer-Encoding together are not allowed.</source>
        <translation>Content-Length et Transfer-Encoding ensemble ne sont pas autorisés.</translation>
    </message>
    <message>
        <source>Transfer-Encoding is not allowed in an HTTP/1.0 request.</source>
        <translation>Transfer-Encoding n’est pas autorisé dans une requête HTTP/1.0.</translation>
    </message>
    <message>
        <source>Protocol upgrades are not supported.</source>
        <translation>Les changements de protocole (Upgrade) ne sont pas pris en charge.</translation>
    </message>
    <message>
        <source>The only expectation supported is 100-continue.</source>
        <translation>La seule attente (Expect) prise en charge est 100-continue.</translation>
    </message>
    <message>
        <source>Malformed chunk size.</source>
        <translation>Taille de bloc mal formée.</translation>
    </message>
    <message>
        <source>A chunk-size line is longer than %1 bytes.</source>
        <translation>Une ligne de taille de bloc dépasse %1 octets.</translation>
    </message>
    <message>
        <source>Malformed chunk extension.</source>
        <translation>Extension de bloc mal formée.</translation>
    </message>
    <message>
        <source>Chunk data must be followed by CRLF.</source>
        <translation>Les données d’un bloc doivent être suivies de CRLF.</translation>
    </message>
    <message>
        <source>Trailers are not supported.</source>
        <translation>Les en-têtes de fin (trailers) ne sont pas pris en charge.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>The local server is off (Preferences &gt; Local server).</source>
        <translation>Le serveur local est désactivé (Préférences &gt; Serveur local).</translation>
    </message>
</context>
</TS>
