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
words-yes = sí, si, sip, claro, correcto, afirmativo, ya, ya quedó, ya quedo, listo, gracias, sí gracias, si gracias, por supuesto
words-no = no, nop, todavía no, todavia no, aún no, aun no, sigue igual, no gracias, no funcionó, no funciono, negativo

## Soporte de segundo nivel (operaciones 6 a 9).
second-level-next = Lamento que no se haya resuelto. El siguiente paso es el soporte de segundo nivel: se genera un ticket y un resolutor especializado le atiende.
second-level-unavailable = El registro de tickets por este medio aún no está habilitado. Para que le generen su ticket, comuníquese por teléfono a la Mesa de Ayuda y mencione lo que ya me describió: «{ $problem }».
second-level-unavailable-no-problem = El registro de tickets por este medio aún no está habilitado. Para que le generen su ticket, comuníquese por teléfono a la Mesa de Ayuda.

## Opciones del menú que llegarán en siguientes versiones.
ticket-status-unavailable = La consulta del estado de un ticket por este medio aún no está habilitada. Mientras tanto, la Mesa de Ayuda puede informarle por teléfono con su número de ticket.
contact-unavailable = La transferencia a una persona o área por este medio aún no está habilitada. Mientras tanto, la Mesa de Ayuda puede comunicarle por teléfono.

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
    • Orientarle cuando su asunto no es un servicio de la DGSEI.

    Comandos:
    /start: iniciar o ver el menú
    /ayuda: ver esta ayuda
    /cancelar: dejar el paso actual y volver al menú
cancelled = De acuerdo, dejamos ese paso.
stale-choice = Esa opción ya no está disponible.
unsupported-message = Por ahora solo puedo leer mensajes de texto. Por favor, escríbame su consulta.
error-try-again = Tuve un problema para procesar su mensaje. Por favor, inténtelo de nuevo en un momento.
unknown-command = No conozco ese comando. Escriba /ayuda para ver lo que puedo hacer.
command-start = Iniciar o ver el menú
command-help = Ver lo que puedo hacer
command-cancel = Dejar el paso actual y volver al menú

## Modo terminal.
terminal-intro = Modo de conversación en terminal. Escriba el número de una opción o su mensaje; Ctrl+D para salir.
terminal-resume = (Continuamos la conversación donde se quedó.)
terminal-choice-out-of-range = No hay una opción { $number }. Elija un número de la lista o escriba su mensaje.
terminal-bye = Hasta luego. La conversación queda guardada y puede continuarla después.

## Línea de comandos de administración.
cli-faq-imported = Se importaron { $count } preguntas frecuentes; la base de conocimiento anterior fue reemplazada.
cli-faq-exported = Se exportaron { $count } preguntas frecuentes a { $path }.
cli-faq-empty = La base de conocimiento está vacía.
