## mesabot — textos en español de México (idioma predeterminado).
## El trato es de "usted", con palabras sencillas, como indica el protocolo de atención.

bot-default-name = Mesa de Ayuda DGSEI

## Protocolo, regla 2: saludo según la hora del día.
greeting = { $part ->
    [morning] Buenos días
    [afternoon] Buenas tardes
   *[night] Buenas noches
}, le atiende { $name }, ¿en qué puedo ayudarle?
menu-prompt = Elija una opción o escríbame su consulta con sus propias palabras.
menu-again = ¿En qué más puedo ayudarle? Elija una opción o escríbame su consulta.
menu-support = Soporte técnico
menu-ticket-status = Estado de un ticket
menu-contact = Contactar a una persona o área
menu-other = Otro asunto (no es un servicio de la DGSEI)

## Soporte de primer nivel (operaciones 3 a 5).
support-ask = Cuénteme con sus propias palabras qué problema tiene. Por ejemplo: «olvidé la contraseña de mi correo».
faq-answer = Esto puede ayudarle:

    { $question }

    { $answer }
faq-alternatives = Si no es lo que busca, abajo tiene otras respuestas que podrían servirle.
faq-see = Ver: { $question }
faq-resolved-ask = ¿Se resolvió su problema?
faq-no-match = No encontré una respuesta para eso en la base de conocimiento.
faq-entry-gone = Esa respuesta ya no está disponible.
faq-refine = Si gusta, descríbame el problema con otras palabras, o pida soporte de segundo nivel.
faq-glad = ¡Qué bueno que se resolvió!
offer-ticket = Pedir soporte de segundo nivel (ticket)
answer-yes = Sí
answer-no = No
# Palabras que se aceptan como respuesta escrita, separadas por comas.
faq-suggest = No encontré una respuesta segura para eso. ¿Se refiere a alguna de estas? Si no, descríbamelo con otras palabras o pida soporte de segundo nivel.
# Small talk (what people write that asks for nothing).
small-talk-greeting = ¡Hola! ¿En qué puedo ayudarle? Elija una opción o escríbame su consulta.
small-talk-still-here = ¡Hola! Aquí sigo para atenderle.
small-talk-ack = Con gusto.
small-talk-welcome = Con gusto. Aquí estoy cuando me necesite.
understand-which = Quiero asegurarme de entenderle bien: ¿qué necesita?

## Soporte de segundo nivel (operaciones 6 a 9): el asistente para levantar un ticket.
second-level-next = El siguiente paso es el soporte de segundo nivel: registramos un ticket y un resolutor especializado le atiende.
privacy-notice =
    Aviso de privacidad: la Dirección General del Sistema Estatal de Informática (DGSEI) es responsable de los datos personales que le pediré (nombre, correo electrónico y teléfono). Los usaremos solo para atender su solicitud y comunicarnos con usted sobre ella. Puede ejercer sus derechos de acceso, rectificación, cancelación y oposición (ARCO) ante la Unidad de Transparencia. Aviso completo: { $url }

    ¿Acepta que tratemos sus datos para atender su solicitud?
privacy-accept = Acepto
privacy-decline = No acepto
privacy-declined = Entendido, no registraremos sus datos. Si lo prefiere, puede comunicarse por teléfono al Centro de Atención Telefónica del Gobierno del Estado al { $phone }.
ticket-ask-kind =
    ¿Qué tipo de solicitud es?
    • Incidente: algo que funcionaba dejó de funcionar o funciona mal.
    • Requerimiento: necesita algo nuevo (una cuenta, un permiso, una instalación, un cambio).
ticket-kind-button = { $kind ->
    [incidente] Incidente: algo falla
   *[requerimiento] Requerimiento: necesito algo
}
ticket-kind-name = { $kind ->
    [incidente] Incidente
   *[requerimiento] Requerimiento
}
ticket-ask-service = ¿A qué servicio corresponde?
ticket-ask-detail = Describa el problema con el mayor detalle posible: qué sucede, desde cuándo y qué mensaje aparece (al menos { $min } caracteres).
ticket-ask-more-detail =
    Esto es lo que me describió:
    «{ $detail }»

    Si quiere, agregue más detalles o envíe una captura de pantalla del error. Cuando termine, elija «Continuar».
ticket-detail-done = Continuar
ticket-detail-too-short = La descripción es muy breve: escriba al menos { $min } caracteres para que el resolutor entienda el problema.
ticket-detail-too-long = La descripción quedaría de { $length } caracteres y el máximo es { $max }. Por favor, resúmala; lo que ya me había escrito se conserva.
ticket-attachment-received = Recibí su archivo; quedará adjunto al ticket.
ticket-attachment-kind = Al ticket solo puedo adjuntar una foto o un documento. Escriba el detalle, o envíe una captura de pantalla.
ticket-ask-name = Escriba su nombre completo (nombre y apellidos).
ticket-ask-email = Escriba su correo electrónico; ahí le enviaremos el número de ticket.
ticket-ask-phone = Escriba un teléfono de contacto a 10 dígitos. Si tiene extensión, agréguela; por ejemplo: 722 123 4567 ext. 1234.
ticket-bad-name = { $reason ->
    [short] El nombre es muy corto.
    [long] El nombre es demasiado largo.
    [surname] Necesito su nombre y al menos un apellido.
   *[characters] El nombre solo puede llevar letras, espacios, guiones y apóstrofos.
} Inténtelo de nuevo, por favor.
ticket-bad-email = { $reason ->
    [at] Al correo le falta la arroba (@).
    [domain] Después de la arroba falta el dominio completo, por ejemplo: @edomex.gob.mx.
   *[invalid] Ese correo no es válido: revise que no tenga espacios ni acentos.
} Escríbalo de nuevo, por ejemplo: nombre.apellido@edomex.gob.mx
ticket-bad-phone-length = El número tiene { $digits } dígitos y debe tener 10 (lada y número). Escríbalo de nuevo, por ejemplo: 722 123 4567.
ticket-bad-phone = { $reason ->
    [characters] El teléfono solo puede llevar números, espacios, guiones y +52.
    [extension] La extensión debe ser de 1 a 6 dígitos, por ejemplo: ext. 1234.
   *[mexican] Ese número no corresponde a un teléfono de México.
} Escríbalo de nuevo, por favor.
ticket-contact-on-file =
    ¿Usamos los mismos datos de contacto de la vez anterior?
    Nombre: { $name }
    Correo: { $email }
    Teléfono: { $phone }
ticket-contact-other = No, son otros
ticket-ask-impact = ¿A cuántas personas afecta el problema?
ticket-impact-button = { $impact ->
    [extenso] A todas las personas usuarias del servicio
    [significativo] A la mayoría de mi área o dependencia
    [moderado] A una parte de mi área
   *[menor] Solo a mí o a muy pocas personas
}
ticket-impact-name = { $impact ->
    [extenso] Extenso (100 % de las personas usuarias)
    [significativo] Significativo (60 %)
    [moderado] Moderado (30 %)
   *[menor] Menor (5 %)
}
ticket-ask-urgency = ¿Qué tanto le impide trabajar?
ticket-urgency-button = { $urgency ->
    [critica] No se puede trabajar en una función crítica
    [alta] Falla grave en varias áreas, pero hay otra forma de trabajar
    [media] Afecta a pocas personas o no es una función crítica
   *[baja] Puedo seguir trabajando; puede programarse
}
ticket-urgency-name = { $urgency ->
    [critica] Crítica
    [alta] Alta
    [media] Media
   *[baja] Baja
}
ticket-current-value = (Dato actual: { $value }. Escriba o elija otro, o elija «Conservar».)
ticket-keep = Conservar
ticket-back = « Atrás
ticket-cancel = Cancelar
ticket-use-buttons = Por favor, elija una de las opciones.
ticket-summary =
    Revise los datos de su ticket:
    Tipo: { $kind }
    Servicio: { $service }
    Detalle: { $detail }
    Archivo adjunto: { $attachment ->
        [yes] sí
       *[no] no
    }
    Nombre: { $name }
    Correo: { $email }
    Teléfono: { $phone }
    Impacto: { $impact }
    Urgencia: { $urgency }
    Prioridad: { $priority ->
        [1] 1 (muy alta)
        [2] 2 (alta)
        [3] 3 (media)
       *[4] 4 (baja)
    }

    Si todo es correcto, elija «Crear ticket»; si no, corrija lo que necesite.
ticket-create = Crear ticket
ticket-edit = Corregir { $field ->
    [kind] tipo
    [service] servicio
    [detail] detalle
    [name] nombre
    [email] correo
    [phone] teléfono
    [impact] impacto
   *[urgency] urgencia
}
ticket-cancelled = De acuerdo, dejamos el ticket pendiente. Lo que ya me dio se conserva si decide continuar.
ticket-no-services = Por ahora no puedo registrar tickets por este medio porque el catálogo de servicios no está disponible. Por favor, comuníquese por teléfono a la Mesa de Ayuda.
ticket-created = Su ticket quedó registrado con el número { $number }. Anótelo para darle seguimiento; también se lo enviamos a { $email }. Un resolutor se pondrá en contacto con usted por correo electrónico o por teléfono para su atención.
attachment-not-now = Puedo recibir archivos cuando describe el problema de un ticket. Por ahora, continúe con la pregunta, por favor.

## Política: estado de un ticket cuando la persona lo requiera.
status-ask-number = Escriba el número de su ticket.
status-bad-number = No reconozco un número de ticket en ese mensaje. Escríbalo solo con números, por ejemplo: 123.
status-ask-email-for = Para proteger su información, escriba el correo electrónico registrado en el ticket { $number }.
status-ask-email = Escriba el correo electrónico registrado en el ticket.
status-bad-email = Ese correo no es válido. Escríbalo completo, por ejemplo: nombre@edomex.gob.mx
status-no-match = No encontré un ticket con ese número y ese correo. Revise ambos datos e inténtelo de nuevo.
status-too-many = Hubo varios intentos de consulta que no coincidieron. Por seguridad, espere unos minutos antes de intentarlo de nuevo.
status-name = { $status ->
    [abierto] Abierto
    [asignado] Asignado
    [en_proceso] En proceso
    [en_espera] En espera
    [resuelto] Resuelto
   *[cerrado] Cerrado
}
status-view =
    Ticket { $number }
    Estado: { $status ->
        [abierto] Abierto
        [asignado] Asignado
        [en_proceso] En proceso
        [en_espera] En espera
        [resuelto] Resuelto
       *[cerrado] Cerrado
    }
    Tipo: { $kind ->
        [incidente] Incidente
       *[requerimiento] Requerimiento
    }
    Servicio: { $service }
    Prioridad: { $priority ->
        [1] 1 (muy alta)
        [2] 2 (alta)
        [3] 3 (media)
       *[4] 4 (baja)
    }
    Abierto el: { $opened }
    Última actualización: { $updated }
    Historial:
status-history-line = { $at }: { $status ->
    [abierto] Abierto
    [asignado] Asignado
    [en_proceso] En proceso
    [en_espera] En espera
    [resuelto] Resuelto
   *[cerrado] Cerrado
}


## Política: asuntos que no son servicios de la DGSEI.
out-of-scope = Ese asunto no corresponde a los servicios de la Dirección General del Sistema Estatal de Informática. Le sugiero comunicarse al Centro de Atención Telefónica del Gobierno del Estado al { $phone }, donde con gusto le orientarán.

## Protocolo, regla 7: despedida.
anything-else = ¿Hay algo más en que pueda ayudarle?
farewell = Le recuerdo mi nombre, { $name }. Hasta luego, que tenga { $part ->
    [morning] buen día
    [afternoon] buena tarde
   *[night] buena noche
}.

## Cierre por inactividad (operación 25: toda conversación se registra).
inactivity-closed = Como no he recibido respuesta en { $minutes } minutos, doy por concluida esta conversación. Cuando lo necesite, escríbame de nuevo y con gusto le atiendo.

## Comandos y ayuda.
help =
    Soy { $name }, el asistente de la Mesa de Ayuda de la DGSEI. Puedo:
    • Darle soporte técnico de primer nivel: descríbame su problema y le respondo con la base de conocimiento.
    • Registrar un ticket de soporte de segundo nivel para que un resolutor le atienda.
    • Informarle el estado de su ticket: escriba, por ejemplo, «ticket 123».
    • Orientarle cuando su asunto no es un servicio de la DGSEI.

    Comandos:
    /start: iniciar o ver el menú
    /estado: consultar el estado de un ticket (por ejemplo: /estado 123)
    /atras: volver a la pregunta anterior al registrar un ticket
    /ayuda: ver esta ayuda
    /cancelar: dejar el paso actual y volver al menú
cancelled = De acuerdo, dejamos ese paso.
stale-choice = Esa opción ya no está disponible.
unsupported-message = Por ahora solo puedo leer mensajes de texto. Por favor, escríbame su consulta.
error-try-again = Tuve un problema para procesar su mensaje. Por favor, inténtelo de nuevo en un momento.
flood-slow-down = Está enviando mensajes muy rápido. Espere unos segundos y escriba de nuevo; los mensajes de este momento no se procesaron.
unknown-command = No conozco ese comando. Escriba /ayuda para ver lo que puedo hacer.
command-start = Iniciar o ver el menú
command-help = Ver lo que puedo hacer
command-cancel = Dejar el paso actual y volver al menú
command-status = Consultar el estado de un ticket
command-back = Volver a la pregunta anterior

## Modo terminal.
terminal-intro = Modo de conversación en terminal. Escriba el número de una opción o su mensaje; Ctrl+D para salir.
terminal-resume = (Continuamos la conversación donde se quedó.)
terminal-choice-out-of-range = No hay una opción { $number }. Elija un número de la lista o escriba su mensaje.
terminal-bye = Hasta luego. La conversación queda guardada y puede continuarla después.

## Línea de comandos de administración.
cli-faq-imported = Se importaron { $count } preguntas frecuentes; la base de conocimiento anterior fue reemplazada.
cli-faq-exported = Se exportaron { $count } preguntas frecuentes a { $path }.
cli-faq-empty = La base de conocimiento está vacía.
cli-faq-example-added = Ejemplo agregado a «{ $question }»; el bot lo usa desde su siguiente mensaje.
cli-faq-example-known = «{ $question }» ya tiene ese ejemplo; no se cambió nada.
cli-faq-no-entry = No hay pregunta número { $number }: la base tiene { $entries }. `mesabot faq list` las numera.
cli-faq-example-empty = El ejemplo está vacío: escriba entre comillas cómo lo preguntó el usuario.
cli-faq-learn-none = No hay nada nuevo que aprender: en cada conversación que resolvió una pregunta frecuente, el bot ya da esa respuesta a lo que escribió el usuario.
cli-faq-learn-header = Lo que escribieron los usuarios y la pregunta que lo resolvió aunque el bot solo la sugirió (número de la pregunta en `mesabot faq list`, veces):
cli-faq-learn-hint = Para que el bot lo reconozca la próxima vez: `mesabot faq learn --add` agrega como ejemplos todo lo que no lleva datos de una persona; `mesabot faq example N "texto"` agrega uno.
cli-faq-learn-personal = ↳ puede llevar datos de una persona (su nombre, un correo o un número): `--add` no lo agrega; agréguelo sin ellos con `mesabot faq example`.
cli-faq-learn-left-out = { $count ->
    [one] 1 se dejó fuera porque puede llevar datos de una persona (su nombre, un correo o un número): `mesabot faq learn` lo muestra; agréguelo sin ellos con `mesabot faq example N "texto"`.
   *[other] { $count } se dejaron fuera porque pueden llevar datos de una persona (su nombre, un correo o un número): `mesabot faq learn` los muestra; agréguelos sin ellos con `mesabot faq example N "texto"`.
}
cli-faq-learned = { $count ->
    [one] Se agregó 1 ejemplo; el bot lo usa desde su siguiente mensaje.
   *[other] Se agregaron { $count } ejemplos; el bot los usa desde su siguiente mensaje.
}
cli-phrases-imported = Se importaron { $count } frases para { $locale }; el bot las usa desde su siguiente mensaje.
cli-phrases-exported = Las frases de { $locale } se escribieron en { $path }.
cli-phrases-reset = { $locale } vuelve a usar las frases que trae mesabot.
cli-understand-intent = Intención: { $intent }
cli-understand-alternative = Igual de probable: { $intent } (el bot pregunta cuál)
cli-understand-phrases = Frases reconocidas:
cli-understand-no-phrases = Ninguna frase reconocida.
cli-understand-negated = (descartada: negación)
cli-understand-vetoed = (descartada: palabra de «unless»)
cli-understand-content = Palabras de la consulta: { $words }
cli-understand-terms = Búsqueda en la base de conocimiento (palabra → término, peso):
cli-understand-none = Ninguna respuesta encontrada.
cli-understand-score = puntaje { $score }, cubre { $coverage } % del mensaje: { $verdict }
cli-understand-sure = se da como respuesta
cli-understand-unsure = solo se sugiere
cli-understand-synonym = sinónimo de «{ $word }»
cli-understand-corrected = corregida a «{ $word }»
cli-understand-everyday = palabra de uso común: pesa menos
cli-understand-example = ejemplo de la mesa más parecido: «{ $example }»

## Correos de tickets (operación 8).
mail-user-subject = Ticket { $number }: su solicitud quedó registrada
mail-user-body =
    Hola, { $name }:

    Registramos su solicitud en la Mesa de Ayuda de la DGSEI con el número de ticket { $number }. Consérvelo para darle seguimiento.

    Tipo: { $kind ->
        [incidente] Incidente
       *[requerimiento] Requerimiento
    }
    Servicio: { $service }
    Prioridad: { $priority ->
        [1] 1 (muy alta)
        [2] 2 (alta)
        [3] 3 (media)
       *[4] 4 (baja)
    }
    Descripción: { $detail }
    Teléfono de contacto: { $phone }

    Qué sigue: un resolutor se pondrá en contacto con usted por correo electrónico o por teléfono para su atención.

    Para conocer el estado de su ticket en cualquier momento, escriba al asistente de la Mesa de Ayuda: /estado { $number }

    Atentamente,
    { $bot }
mail-resolver-subject = [Prioridad { $priority }] Ticket { $number } asignado: { $service }
mail-resolver-body =
    { $resolver }:

    Se le asignó el ticket { $number } para su atención y solución.

    Tipo: { $kind ->
        [incidente] Incidente
       *[requerimiento] Requerimiento
    }
    Servicio: { $service }
    Prioridad: { $priority } (impacto { $impact ->
        [extenso] extenso, 100 %
        [significativo] significativo, 60 %
        [moderado] moderado, 30 %
       *[menor] menor, 5 %
    }; urgencia { $urgency ->
        [critica] crítica
        [alta] alta
        [media] media
       *[baja] baja
    })
    Registrado el: { $opened }
    Descripción:
    { $detail }
    Archivo adjunto (id de Telegram): { $attachment }

    Persona usuaria:
    Nombre: { $name }
    Correo: { $email }
    Teléfono: { $phone }

    Por favor, póngase en contacto con la persona usuaria por correo electrónico o por teléfono.
cli-privacy-purged = Anonimizado lo cerrado antes del { $before }: { $conversations } conversaciones ({ $messages } mensajes borrados), { $tickets } tickets, { $calls } llamadas; { $mails } correos enviados borrados. Los indicadores conservan sus conteos.
cli-sends-summary = Mensajes de Telegram por enviar: { $waiting }; rechazados por Telegram: { $refused }.
cli-backup-written = Copia escrita en { $path } y verificada (integridad: ok): { $conversations } conversaciones, { $tickets } tickets.
cli-backup-unsound = La copia { $path } no pasó la verificación de integridad: { $integrity }
cli-sends-refused = #{ $id } · chat { $chat } · en cola { $queued } · rechazado { $refused } · { $attempts } intentos · { $error }
cli-mail-empty = No hay correos en la bandeja de salida.
cli-mail-row = #{ $id } · ticket { $ticket } · { $purpose } · { $recipient } · { $state ->
    [sent] enviado el { $at }
    [failed] falló el { $at } tras { $attempts } intentos: { $error }
   *[pending] pendiente, { $attempts } intentos, siguiente { $at }{ $error }
}
cli-mail-retried = El correo #{ $id } se volverá a enviar en cuanto el proceso del bot lo tome.
cli-mail-not-found = No hay un correo #{ $id } pendiente o fallido.
cli-ticket-not-found = No existe el ticket { $number }.
cli-ticket-empty = No hay tickets con ese criterio.
cli-ticket-row = { $number } · { $status } · prioridad { $priority } · { $service } · { $name } · { $opened }
ticket-detail =
    Ticket { $number } ({ $status })
    Tipo: { $kind } · Servicio: { $service } · Prioridad: { $priority } (impacto { $impact }, urgencia { $urgency })
    Resolutor: { $resolver }
    Persona usuaria: { $name } · { $email } · { $phone } ({ $channel } { $chat })
    Abierto: { $opened } · Actualizado: { $updated } · Aviso de privacidad aceptado: { $privacy }
    Archivo adjunto: { $attachment }
    Detalle:
    { $detail }
    Historial:
cli-bad-status = Estado desconocido «{ $status }»; use: abierto, asignado, en_proceso, en_espera, resuelto o cerrado.

## Atención por un agente (protocolo, regla 6: espera).
menu-agent = Hablar con un agente
agent-ask-button = Hablar con un agente
escalation-choice = Lamento que no se haya resuelto. ¿Prefiere que registremos un ticket para un resolutor, o hablar ahora con un agente de la Mesa de Ayuda?
agent-suggest = Parece que no logro entenderle. Si lo prefiere, puedo comunicarle con un agente.
agent-unavailable = { $reason ->
    [hours] En este momento estamos fuera del horario de atención de los agentes.
    [timeout] Lamento la espera: por ahora ningún agente está disponible.
   *[none] Por ahora no hay agentes disponibles por este medio.
} Puedo registrar un ticket con lo que ya me contó para que un resolutor le atienda.
agent-wait = Le comunico con un agente de la Mesa de Ayuda; en cuanto uno esté disponible le atenderá aquí mismo. Hay { $position ->
    [1] una persona
   *[other] { $position } personas
} en la fila, contándole a usted. Permítame, lo sigo atendiendo; no cierre esta conversación, por favor.
agent-hold = Permítame, lo sigo atendiendo; no cierre esta conversación, por favor.
agent-hold-position = Permítame, lo sigo atendiendo; no cierre esta conversación, por favor. Ahora es { $position ->
    [1] la siguiente persona en ser atendida
   *[other] la persona número { $position } en la fila
}.
agent-greeting = { $part ->
    [morning] Buenos días
    [afternoon] Buenas tardes
   *[night] Buenas noches
}, le atiende { $agent }, ¿en qué puedo ayudarle?
agent-released = Su conversación regresó a la fila; en un momento le atenderá otro agente. Permítame, lo sigo atendiendo.
agent-passed = Le comunico con el equipo de { $area }; en un momento le atienden. Permítame, lo sigo atendiendo.
agent-passed-general = Le comunico con otro equipo de la Mesa de Ayuda; en un momento le atienden. Permítame, lo sigo atendiendo.
agent-farewell = ¿Hay algo más en que pueda ayudarle? Le recuerdo mi nombre, { $agent }. Hasta luego, que tenga { $part ->
    [morning] buen día
    [afternoon] buena tarde
   *[night] buena noche
}.
agent-left = De acuerdo, dejamos la atención con el agente.
agent-still-waiting = Sigue en la fila para hablar con un agente; puede escribir aquí lo que necesite y lo verá en cuanto le atienda. Para salir de la fila escriba /cancelar.
agent-still-with = Un agente le está atendiendo; escríbale aquí lo que necesite. Para terminar escriba /cancelar.

## Grupo de agentes.
agent-card-title = #{ $conversation } · { $name }
topic-waiting = 🟡 { $title }
topic-attended = 🟢 { $title } · { $agent }
topic-closed = ✅ { $title }
card-state-waiting = 🟡 En espera de un agente
card-state-attended = 🟢 La atiende { $agent }
card-state-closed = ✅ Cerrada
topic-passed = ➡️ { $title } · { $to }
card-state-passed = ➡️ Pasada a { $to }
topic-history = El tema anterior de esta conversación ya no existe; sigue aquí. Lo más reciente:
topic-history-line = { $who }: { $text }
topic-history-bot = Mesa de Ayuda
agent-card =
    Conversación #{ $conversation } · { $name }
    Motivo: { $reason ->
        [asked] pidió hablar con un agente
        [faq_failed] la base de conocimiento no resolvió su problema
       *[not_understood] el asistente no logró entenderle
    }
    Servicio: { $service }
    Lo que pidió: { $problem }
    Respuesta ofrecida por el asistente: { $faq }
    Datos de contacto registrados: { $contact }
agent-take-button = Tomar
agent-taken-notice = { $agent } atiende esta conversación. Lo que escriba aquí le llega a la persona usuaria; use /faq texto o /plantilla nombre para responder sin escribir, /nota para notas internas, /pasar para llevarla al grupo de otro servicio y /cerrar o /liberar al terminar.
agent-taken-by = Ya la atiende { $agent }.
agent-gone = Esta conversación ya no está en espera.
agent-take-first = Tome la conversación con «Tomar» antes de responder.
agent-not-yours = Esta conversación la atiende { $agent }.
agent-user-says = { $name }: { $text }
agent-user-sent-file = { $name } envió este archivo.
agent-user-sent-album = { $name } envió estos archivos:
relay-edited = ✏️ editado: { $text }
agent-cannot-relay = Ese tipo de mensaje (una encuesta, un juego) no se puede pasar a quien le atiende. Escríbalo, o envíe una foto, un archivo o una nota de voz.
agent-cannot-relay-to-user = Ese tipo de mensaje (una encuesta, un juego) no se puede pasar al usuario. Escríbalo, o envíe una foto, un archivo o una nota de voz.
agent-user-left = La persona usuaria salió de la conversación.
agent-note-saved = Nota interna guardada (la persona usuaria no la ve).
agent-closed-notice = Conversación cerrada como { $outcome ->
    [first_level] atendida en primer nivel
    [transferred] transferida
   *[second_level] atendida en segundo nivel
}.
agent-released-notice = { $agent } liberó la conversación; vuelve a la fila.
agent-passed-notice = { $agent } pasó la conversación al grupo { $to }; allá la atienden. Este tema queda cerrado.
agent-passed-card = { $agent } pasó aquí esta conversación desde el grupo { $from }.
agent-passed-elsewhere = Esta conversación se pasó a otro grupo; la atienden allá.
agent-pass-choose = ¿A qué grupo? Escriba /pasar y uno de estos: { $groups }.
agent-pass-unknown = No hay un grupo «{ $name }». Escriba /pasar y uno de estos: { $groups }.
agent-pass-ambiguous = «{ $name }» nombra a más de un grupo. Escriba /pasar y uno de estos: { $groups }.
agent-pass-same = La conversación ya está en ese grupo.
agent-pass-no-groups = Solo hay un grupo de agentes. Un administrador asigna grupos a los servicios con: mesabot route set <servicio> <chat_id>.
agent-needs-conversation = Use este comando dentro del tema de una conversación (o respondiendo a su tarjeta).
agent-queue-empty = No hay conversaciones en espera.
agent-queue-title = Conversaciones en espera: { $count }
agent-queue-line = #{ $conversation } · { $name } · espera { $minutes }:{ $seconds }
agent-mine-empty = { $agent } no atiende ninguna conversación por ahora.
agent-mine-title = Conversaciones que atiende { $agent }: { $count }
agent-mine-line = #{ $conversation } · { $name } · desde hace { $minutes } min
agent-alert = Atención: la conversación #{ $conversation } de { $name } lleva { $seconds } segundos esperando a un agente.
agent-low-rating = ⚠️ Calificación baja: { $score } de 5 para la conversación #{ $conversation } de { $name }, que atendió { $agent }.
agent-low-rating-link = Ver la conversación: { $link }
agent-timeout-notice = Nadie tomó esta conversación a tiempo; se ofreció a la persona registrar un ticket.
agent-only = Ese comando es solo para los agentes de la Mesa de Ayuda, en su grupo.
cli-agent-added = El agente { $id } se mostrará como «{ $name }».
cli-agent-bad-name = Escriba el nombre con el que se presentará el agente.
cli-agent-empty = No hay agentes con nombre registrado; se usa el nombre de su perfil de Telegram.
cli-agent-removed = Se quitó el nombre del agente { $id }.
cli-agent-not-found = No hay un agente { $id } registrado.
cli-template-added = Plantilla «{ $name }» guardada para { $locale }.
cli-template-bad-name = «{ $name }» no sirve como nombre de plantilla: use una sola palabra de letras, números, «-» o «_» (hasta 32).
cli-template-no-text = La plantilla «{ $name }» necesita un texto.
cli-template-too-long = La plantilla «{ $name }» tiene { $chars } caracteres; un mensaje de Telegram admite { $most }.
cli-template-empty = No hay plantillas. Agregue una con: mesabot template add nombre "texto".
cli-template-not-found = No hay una plantilla «{ $name }».
cli-template-removed = Se quitó la plantilla «{ $name }» ({ $count } { $count ->
    [one] idioma
   *[other] idiomas
}).
cli-template-exported = Se escribieron { $count } plantillas en { $path }.
cli-template-imported = Se importaron { $count } plantillas; los agentes las usan desde ahora.
cli-route-unknown-service = No hay un servicio «{ $service }» en el catálogo. Los servicios son: { $services }.
cli-route-not-a-group = «{ $chat }» no es el chat_id de un grupo de Telegram: los grupos tienen números negativos, como -1001234567890 (agregue el bot al grupo y vea su id en el registro del bot).
cli-route-set = Las conversaciones de «{ $service }» van ahora al grupo { $group }.
cli-route-empty = Ningún servicio tiene grupo propio: todas las conversaciones van al grupo general (AGENT_CHAT_ID). Asigne uno con: mesabot route set <servicio> <chat_id>.
cli-route-none = «{ $service }» no tenía grupo propio; sus conversaciones ya van al grupo general.
cli-route-removed = Las conversaciones de «{ $service }» vuelven al grupo general.
cli-route-exported = Se escribieron { $count } rutas en { $path }.
cli-route-import-refused = { $path }: la ruta { $entry } no nombra un servicio del catálogo; no se cambió nada.
cli-route-imported = Se importaron { $count } rutas; las conversaciones nuevas las siguen desde ahora.

## Trabajo con tickets desde el grupo de agentes.
agent-usage = Uso: { $command ->
    [ticket] /ticket N para ver un ticket, o /ticket <urgencia> <impacto> dentro de una conversación para abrirle uno (urgencia: critica, alta, media, baja; impacto: extenso, significativo, moderado, menor).
    [estado] /estado N <estado> [comentario]; estados: abierto, asignado, en_proceso, en_espera, resuelto, cerrado.
    [asignar] /asignar N <servicio o resolutor>, por ejemplo: /asignar 12 redes.
    [prioridad] /prioridad N <urgencia> <impacto>, por ejemplo: /prioridad 12 alta moderado.
    [indicadores] /indicadores [AAAA-MM] o /reporte [AAAA-MM], por ejemplo: /indicadores 2026-11.
    [faq] /faq <texto>: busca en la base de conocimiento y ofrece las respuestas con botones; la que elija se envía a la persona usuaria.
   *[nota] /nota <texto>: una nota interna que la persona usuaria no ve.
}
agent-ticket-not-found = No existe el ticket { $number }.
agent-status-changed = Ticket { $number }: ahora «{ $status ->
    [abierto] Abierto
    [asignado] Asignado
    [en_proceso] En proceso
    [en_espera] En espera
    [resuelto] Resuelto
   *[cerrado] Cerrado
}». Se avisó a la persona usuaria.
agent-reassigned = Ticket { $number } reasignado a { $resolver }; se le envió por correo.
agent-assignee-unknown = No encontré un servicio ni un resolutor que coincida con «{ $target }».
agent-reassessed = Ticket { $number }: prioridad { $priority } (urgencia { $urgency }, impacto { $impact }).
agent-ticket-requested = Se pidió a la persona usuaria aceptar el aviso de privacidad y completar sus datos; recibirá el número en el chat y por correo.
agent-faq-title = Base de conocimiento para «{ $query }». La respuesta que elija se envía a la persona usuaria a su nombre:
agent-faq-lookup = Base de conocimiento para «{ $query }» (para consulta; dentro de una conversación, /faq ofrece enviar la respuesta):
agent-faq-entry = ▸ { $question }
agent-faq-line = { $number }. { $question }
agent-faq-none = No encontré entradas de la base de conocimiento para «{ $query }». Pruebe con otras palabras.
agent-faq-sent = { $agent } envió la respuesta de «{ $question }».
agent-faq-gone = Esa entrada ya no está en la base de conocimiento; busque de nuevo con /faq.
agent-template-sent = { $agent } envió la plantilla «{ $name }».
agent-template-unknown = No hay una plantilla «{ $name }». Plantillas: { $names }.
agent-template-list = Plantillas: { $names }. Envíe una con /plantilla nombre.
agent-template-none = La Mesa de Ayuda aún no tiene plantillas; un administrador las agrega con «mesabot template add».
status-changed-notice = Su ticket { $number } cambió de estado: { $status ->
    [abierto] Abierto
    [asignado] Asignado
    [en_proceso] En proceso
    [en_espera] En espera
    [resuelto] Resuelto
   *[cerrado] Cerrado
}.{ $comment ->
    [none] {""}
   *[other] {" "}Comentario: { $comment }
}
mail-status-subject = Ticket { $number }: { $status ->
    [abierto] abierto
    [asignado] asignado
    [en_proceso] en proceso
    [en_espera] en espera
    [resuelto] resuelto
   *[cerrado] cerrado
}
mail-status-body =
    Hola, { $name }:

    Su ticket { $number } cambió de estado: { $status ->
        [abierto] Abierto
        [asignado] Asignado
        [en_proceso] En proceso
        [en_espera] En espera
        [resuelto] Resuelto
       *[cerrado] Cerrado
    }.
    { $comment }

    Para ver su historial, escriba al asistente de la Mesa de Ayuda: /estado { $number }

    Atentamente,
    { $bot }

## Transferencia a una persona o área (operaciones 10 a 13).
transfer-ask-who = ¿Con quién desea comunicarse? Escriba el nombre de la persona o del área; por ejemplo: «redes» o «Patricia Núñez».
transfer-none = No encontré a nadie con ese nombre en el directorio. Escríbalo de otra forma, por ejemplo solo el apellido o el nombre del área.
transfer-pick = Elija con quién desea comunicarse, o escriba otro nombre para buscar de nuevo:
transfer-ask-name = Con gusto le comunico con { $target }. Para anunciarle, ¿me dice su nombre completo?
transfer-ask-from = ¿Desde dónde nos escribe? (dependencia, área o lugar)
transfer-bad-from = Escriba en pocas palabras desde dónde nos escribe (máximo { $max } caracteres).
transfer-relayed = Le comuniqué con { $name }: ya sabe quién le busca y desde dónde. Le responderá aquí mismo; escriba lo que necesite.
transfer-contact = { $name } ({ $area }) le puede atender en la extensión { $extension } o en el correo { $email }.{ $mailed ->
    [yes] {" "}Le avisamos por correo que usted le busca y desde dónde.
   *[no] {""}
}
transfer-gone = Esa persona ya no está en el directorio.
transfer-intro = { $caller }, desde { $from }, le busca por la Mesa de Ayuda de la DGSEI.{ $problem ->
    [none] {""}
   *[other] {" "}Asunto: «{ $problem }».
} Lo que escriba aquí le llegará; escriba /cerrar para terminar.
mail-transfer-subject = { $caller } le busca por la Mesa de Ayuda
mail-transfer-body =
    { $name }:

    { $caller }, desde { $from }, le busca por la Mesa de Ayuda de la DGSEI y recibió su extensión y correo para comunicarse con usted.{ $problem ->
        [none] {""}
       *[other] {" "}Asunto: «{ $problem }».
    }

    Atentamente,
    { $bot }
cli-directory-imported = Se importaron { $count } entradas al directorio; el directorio anterior fue reemplazado.
cli-directory-exported = Se exportaron { $count } entradas del directorio a { $path }.

## Llamadas (operaciones 10 y 14 a 24).
contact-kind = ¿Qué necesita?
contact-inside = Comunicarme con una persona o área de la DGSEI
contact-outside = Una llamada al exterior (solo personal de la DGSEI)
call-ask-email = Las llamadas al exterior son solo para el personal adscrito a la DGSEI. Escriba su correo institucional y le enviaré un código para confirmar que es usted.
call-not-staff = Lo siento, este servicio es solo para el personal de la DGSEI y ese correo no está en el registro de personal. Si cree que es un error, comuníquese con la Mesa de Ayuda.
call-code-sent = Le envié un código de 6 dígitos a { $email }. Escríbalo aquí; vence en 10 minutos.
call-code-format = El código tiene 6 dígitos. Escríbalo tal como llegó a su correo.
call-code-wrong = El código no coincide. { $left ->
    [one] Le queda un intento.
   *[other] Le quedan { $left } intentos.
}
call-code-dead = { $reason ->
    [expired] El código ya venció.
   *[attempts] Se agotaron los intentos con ese código.
} Pediré uno nuevo.
call-ask-person = Gracias, { $name }. ¿Con quién desea comunicarse? Escriba el nombre de la persona.
call-ask-number = ¿A qué número telefónico le llamamos? (10 dígitos; puede agregar extensión)
call-ask-place = ¿De qué lugar o institución es esa persona?
call-requested = Registré su solicitud de llamada a { $person }. Un agente de la Mesa de Ayuda la realizará y le avisaré aquí el resultado. Permítame, lo sigo atendiendo.
call-still-waiting = Su llamada está en manos de un agente; le aviso aquí en cuanto tenga el resultado.
call-answered = Contestaron: le comunicamos la llamada con { $person }.
call-not-answered = No contestaron en el { $number }. ¿Tiene otro número, prefiere que intentemos más tarde, o ya no es necesario?
call-other-number = Tengo otro número
call-later = Intentar más tarde
call-not-needed = Ya no es necesario
call-ask-when = ¿Cuándo volvemos a intentar?
call-in-minutes = { $minutes ->
    [60] En 1 hora
    [120] En 2 horas
   *[other] En { $minutes } minutos
}
call-retry-scheduled = De acuerdo: volveremos a intentar la llamada { $minutes ->
    [60] en 1 hora
    [120] en 2 horas
   *[other] en { $minutes } minutos
} y le avisaremos aquí.
call-ended = De acuerdo, no volveremos a llamar.
call-later-result = Sobre su llamada a { $person } al { $number }: { $answered ->
    [yes] contestaron y le comunicamos la llamada.
   *[no] no contestaron. Si lo necesita, pida una nueva llamada desde el menú.
}
mail-code-subject = Su código de la Mesa de Ayuda: { $code }
mail-code-body =
    { $name }:

    Su código para solicitar una llamada al exterior en el asistente de la Mesa de Ayuda es:

    { $code }

    Vence en 10 minutos. Si usted no lo pidió, ignore este mensaje.

    Atentamente,
    { $bot }
agent-call-request = Llamada al exterior #{ $call }: { $requester } ({ $email }) pide llamar a { $person }, de { $place }, al { $number }. Intento { $attempt }.
agent-call-answered = Contestaron
agent-call-not-answered = No contestaron
agent-call-reported = Llamada #{ $call }: { $answered ->
    [yes] contestaron
   *[no] no contestaron
} (registró { $agent }).

## Reporte general de llamadas.
report-calls-columns = Folio | Solicitada | Solicitante | Correo | Persona a llamar | Lugar | Intento | Número | Marcado | Resultado | Hora del resultado | Agente | Estado de la llamada
report-calls-sheet = Llamadas { $month }
report-call-result = { $result ->
    [answered] Contestaron
    [not_answered] No contestaron
   *[pending] Pendiente
}
report-call-status = { $status ->
    [answered] Contestada
    [not_answered] Sin respuesta
    [retry] Reintentar más tarde
    [not_needed] Ya no fue necesaria
   *[pending] En curso
}
cli-call-reported = Se registró el resultado de la llamada #{ $call }.
cli-call-not-pending = La llamada #{ $call } no tiene un intento pendiente de resultado.
cli-staff-imported = Se importaron { $count } personas al registro de personal.
cli-report-written = Reporte escrito en { $path }.

## Indicadores mensuales (MEDICIÓN).
report-no-records = Sin registros en { $month }: no se recibieron conversaciones ese mes.
report-title = Indicadores de { $month }: { $received } conversaciones recibidas ({ $previous_month }: { $previous }).
report-formula-name = { $formula ->
    [first_level] % mensual de llamadas atendidas por soporte de primer nivel
    [second_level] % mensual de llamadas atendidas por soporte de segundo nivel
    [transferred] % mensual de llamadas transferidas
   *[external] % mensual de llamadas realizadas al exterior
}
report-formula = { $formula ->
    [first_level] % mensual de llamadas atendidas por soporte de primer nivel
    [second_level] % mensual de llamadas atendidas por soporte de segundo nivel
    [transferred] % mensual de llamadas transferidas
   *[external] % mensual de llamadas realizadas al exterior
}: { $percent } % ({ $count } de { $received }; mes anterior { $previous } %, cambio { $change })
report-other = Fuera del ámbito de la DGSEI: { $out_of_scope } · Abandonadas: { $abandoned } · En curso: { $open }
report-containment = Resueltas por el asistente solo: { $bot } ({ $bot_percent } %) · con un agente: { $agent } ({ $agent_percent } %)
report-times = Tiempo a la primera respuesta: mediana { $median }, percentil 90 { $p90 } · Tiempo para que un agente tome la conversación: mediana { $pick_up }
report-tickets = Tickets: { $open } abiertos, { $resolved } resueltos o cerrados · por servicio: { $services } · por tipo: { $kinds } · por prioridad: { $priorities }
report-faq-top = Respuestas de la base de conocimiento que más resolvieron: { $entries }
report-unanswered = Búsquedas sin respuesta (para mejorar la base de conocimiento): { $searches }
report-rejected = Respuestas que no resolvieron («lo que escribió» → respuesta mostrada): { $answers }
report-learned = Resueltas por una pregunta que el bot solo sugirió («lo que escribió» → pregunta que lo resolvió): { $lessons }
report-sheet-knowledge = Base de conocimiento
report-knowledge-unanswered = Búsquedas sin respuesta
report-knowledge-rejected = Lo que escribió el usuario cuando la respuesta no resolvió
report-knowledge-entry = Respuesta mostrada
report-knowledge-learned = Lo que escribió el usuario cuando lo resolvió una pregunta que el bot solo sugirió
report-knowledge-solved-by = Pregunta que lo resolvió
report-knowledge-count = Veces
report-knowledge-teach = Para que el bot lo reconozca la próxima vez, agregue lo que escribió el usuario como ejemplo de la pregunta que sí responde: `mesabot faq example N "texto"`, con N el número de esa pregunta en `mesabot faq list`; `mesabot faq learn --add` agrega de una vez lo que resolvieron las preguntas sugeridas.
report-agents = Por agente (conversaciones, mediana para tomarlas, calificación promedio): { $agents }
report-agent = { $name }: { $attended } · { $pick_up } · { $rating } ({ $rated })
report-sheet-agents = Agentes
report-agents-name = Agente
report-agents-attended = Conversaciones
report-agents-pick-up = Mediana para tomar (s)
report-agents-rating = Calificación promedio
report-agents-rated = Calificaciones
report-column-metric = Indicador
report-sheet-indicators = Indicadores
report-metric = { $metric ->
    [received] Llamadas (conversaciones) recibidas
    [first_level] Atendidas por soporte de primer nivel
    [second_level] Atendidas por soporte de segundo nivel
    [transferred] Transferidas
    [external] Realizadas al exterior
    [out_of_scope] Fuera del ámbito de la DGSEI
    [abandoned] Abandonadas
    [open] En curso
    [resolved_by_bot] Resueltas por el asistente solo
    [resolved_by_agent] Resueltas con un agente
    [tickets_open] Tickets abiertos
   *[tickets_resolved] Tickets resueltos o cerrados
}
report-sheet-conversations = Conversaciones
report-sheet-tickets = Tickets
report-conversations-columns = Número | Canal | Persona usuaria | Inicio | Primera respuesta (s) | Fin | Resultado | Atendida por
report-tickets-columns = Ticket | Abierto | Servicio | Tipo | Prioridad | Estado | Resolutor

## Satisfacción.
satisfaction-ask = Si gusta, ¿cómo calificaría la atención recibida? (1 = mala, 5 = excelente)
satisfaction-score = { $score }
satisfaction-thanks = ¡Gracias por su calificación! Nos ayuda a mejorar.
report-satisfaction = Satisfacción: { $count ->
    [0] sin calificaciones
   *[other] promedio { $average } de 5 ({ $count } calificaciones: { $distribution }) · asistente: { $bot } · agentes: { $agent }
}
report-chart-outcomes = Resultados de { $month }
report-chart-trend = Indicadores de los últimos meses (%)
report-chart-outcome = { $outcome ->
    [first_level] Primer nivel
    [second_level] Segundo nivel
    [transferred] Transferidas
    [external] Al exterior
    [out_of_scope] Fuera de ámbito
   *[abandoned] Abandonadas
}
