-- The desk's examples: other ways people ask an FAQ entry, as they write it
-- ("no me llega el internet"), one per line, edited with the FAQ
-- (`examples = [...]` in `mesabot faq export`). The search reads them as it
-- reads the keywords.
ALTER TABLE faq ADD COLUMN examples TEXT NOT NULL DEFAULT '';

-- Sample examples for the sample FAQ a desk replaces with its own: only an
-- entry still asking the sample's question, with no examples of its own.
UPDATE faq SET examples = 'no me acuerdo de la contraseña del correo
quiero cambiar la contraseña de mi correo
se me olvidó la clave del correo y no puedo entrar
mi contraseña del correo ya expiró, cómo pongo una nueva
el correo me pide cambiar la contraseña y no sé cómo
perdí el acceso a mi correo porque no recuerdo la contraseña
forgot my email password
how do i change my email password'
 WHERE question = '¿Cómo restablezco la contraseña de mi correo institucional?' AND examples = '';
UPDATE faq SET examples = 'el correo dice cuenta bloqueada
me equivoqué varias veces de contraseña y se bloqueó el correo
no me deja entrar al correo, dice que está bloqueado
se me bloqueó la cuenta del correo por intentos fallidos
desbloquear mi correo
my email account is locked'
 WHERE question = 'Mi cuenta de correo está bloqueada' AND examples = '';
UPDATE faq SET examples = 'quiero tener el correo del trabajo en mi celular
cómo pongo el correo en el teléfono móvil
configurar el correo en android
agregar mi cuenta de correo al iphone
no me sincroniza el correo en el celular
quiero recibir los correos de la oficina en mi teléfono
set up work email on my phone'
 WHERE question = '¿Cómo configuro el correo institucional en mi celular?' AND examples = '';
UPDATE faq SET examples = 'cómo agrego mi cuenta de correo en outlook
outlook me pide datos del servidor
configurar outlook en la computadora
me cambiaron de computadora y no tengo el correo en outlook
outlook no abre mi cuenta, me pide configurarla
crear el perfil de outlook
set up outlook on my desktop'
 WHERE question = '¿Cómo configuro mi correo en Outlook de escritorio?' AND examples = '';
UPDATE faq SET examples = 'me dice que mi buzón excedió el límite
ya no tengo espacio en el correo
el correo dice que está lleno y no me llegan mensajes
no puedo enviar correos porque el buzón está lleno
cómo libero espacio en mi correo
mi bandeja de entrada está llena
my mailbox is full'
 WHERE question = 'Mi buzón de correo está lleno' AND examples = '';
UPDATE faq SET examples = 'no me llegan correos de personas externas
me escriben de gmail y no me llegan
los correos de proveedores no me llegan
los mensajes de afuera se van a spam
gente de otras empresas dice que sus correos rebotan
no recibo correos externos
i don''t get emails from outside'
 WHERE question = 'No recibo correos de fuera del gobierno' AND examples = '';
UPDATE faq SET examples = 'cómo pongo un mensaje automático en el correo mientras estoy de vacaciones
activar la respuesta automática
quiero que el correo conteste solo que estoy fuera de la oficina
poner aviso de ausencia en el correo
mensaje de fuera de la oficina
how do i set an out of office reply'
 WHERE question = '¿Cómo configuro la respuesta automática de vacaciones?' AND examples = '';
UPDATE faq SET examples = 'cómo trabajo desde mi casa con los sistemas
cómo instalo la vpn
necesito conectarme a la vpn para hacer home office
no me conecta la vpn
la vpn me marca error al conectar
acceso remoto a la red de la oficina
how do i connect to the vpn from home'
 WHERE question = '¿Cómo me conecto a la VPN institucional?' AND examples = '';
UPDATE faq SET examples = 'ya me conecté a la vpn pero no abren los sistemas
la vpn dice conectado pero no entra a nada
con la vpn conectada no carga el sistema
estoy en la vpn y no puedo entrar a las aplicaciones internas
vpn connected but internal systems do not load'
 WHERE question = 'La VPN se conecta pero no abre los sistemas' AND examples = '';
UPDATE faq SET examples = 'mi computadora no tiene internet
no tengo red en mi equipo
se me fue el internet
no navega mi computadora
dice sin conexión a internet
se cayó la red en mi lugar
no hay internet en la oficina
my computer has no internet'
 WHERE question = 'No tengo internet en mi computadora' AND examples = '';
UPDATE faq SET examples = 'cuál es la contraseña del wifi
cómo me conecto al wifi de la oficina
mi laptop no se conecta al wifi
no encuentro la red inalámbrica
clave del internet inalámbrico para visitantes
how do i connect to the wifi'
 WHERE question = '¿Cómo me conecto a la red inalámbrica (wifi) institucional?' AND examples = '';
UPDATE faq SET examples = 'el internet está muy lento
las páginas tardan mucho en abrir
la conexión está lentísima
el internet va lento desde la mañana
la red está muy lenta
internet is very slow'
 WHERE question = 'Internet está muy lento' AND examples = '';
UPDATE faq SET examples = 'mando a imprimir y no sale nada
la impresora no saca las hojas
la impresora no funciona
se atoró el papel en la impresora
los documentos se quedan en la cola de impresión
la impresora marca error
my printer is not printing'
 WHERE question = 'Mi impresora no imprime' AND examples = '';
UPDATE faq SET examples = 'cómo instalo la impresora en mi computadora
no me aparece la impresora para imprimir
quiero agregar la impresora del piso
instalar el controlador de la impresora
cómo conecto mi computadora a la impresora compartida
how do i add a network printer'
 WHERE question = '¿Cómo agrego una impresora de red?' AND examples = '';
UPDATE faq SET examples = 'escaneo y no me llega al correo
el escáner no manda los documentos
la multifuncional no envía lo escaneado a mi correo
no me llegan los escaneos
cómo escaneo un documento a mi correo
the scanner does not send to my email'
 WHERE question = 'El escáner no envía los documentos a mi correo' AND examples = '';
UPDATE faq SET examples = 'mi computadora está muy lenta
la computadora se traba a cada rato
el equipo tarda mucho en abrir los programas
se congela la computadora
la pc tarda mucho en prender y abrir todo
mi compu va lentísima
my computer is very slow'
 WHERE question = 'Mi computadora está muy lenta' AND examples = '';
UPDATE faq SET examples = 'mi computadora no prende
le pico al botón y no enciende
el cpu no prende, no hace nada
la laptop no enciende aunque está conectada
la computadora se apagó y ya no prendió
no tiene luz mi computadora
my computer won''t turn on'
 WHERE question = 'Mi computadora no enciende' AND examples = '';
UPDATE faq SET examples = 'la pantalla está en negro
no hay señal en el monitor
no se ve nada en la pantalla
el monitor está prendido pero no da imagen
la pantalla parpadea y se va la imagen
el monitor no enciende
my screen is black'
 WHERE question = 'Mi monitor no muestra imagen' AND examples = '';
UPDATE faq SET examples = 'no puedo entrar a la carpeta compartida
cómo abro la unidad de red del departamento
dice acceso denegado en la carpeta
no me aparece la unidad compartida
necesito permisos para la carpeta de mi área
dónde están los archivos compartidos del área
i can''t open the shared folder'
 WHERE question = '¿Cómo accedo a una carpeta compartida de mi área?' AND examples = '';
UPDATE faq SET examples = 'la página dice que la conexión no es privada
me sale advertencia de seguridad al entrar al sistema
el navegador dice sitio no seguro
error de certificado al abrir el sistema
sale un aviso de certificado no válido
the browser says the certificate is not secure'
 WHERE question = 'El sitio de un sistema dice que el certificado no es seguro' AND examples = '';
UPDATE faq SET examples = 'cómo instalo mi efirma
cómo uso mi firma electrónica en el sistema
dónde cargo los archivos cer y key
el sistema no reconoce mi firma electrónica
necesito firmar con mi e.firma y no sé cómo
how do i install my digital certificate'
 WHERE question = '¿Cómo instalo mi certificado digital (e.firma) en el navegador?' AND examples = '';
UPDATE faq SET examples = 'no me acuerdo de la contraseña del sistema
olvidé mi clave para entrar al sistema
el sistema dice usuario o contraseña incorrectos
se me bloqueó el usuario del sistema
restablecer la contraseña de la plataforma
forgot my password for the system'
 WHERE question = 'Olvidé la contraseña de un sistema institucional' AND examples = '';
UPDATE faq SET examples = 'necesito acceso a un sistema
cómo me dan de alta en el sistema
soy nuevo y no tengo usuario en el sistema
necesito más permisos en la plataforma
a quién le pido un usuario para el sistema
how do i get access to a system'
 WHERE question = '¿Cómo solicito una cuenta o permisos en un sistema?' AND examples = '';
UPDATE faq SET examples = 'mi teléfono no da tono
descuelgo y no se oye nada
el teléfono de mi lugar no funciona
la extensión no tiene línea
el teléfono está muerto
no puedo hacer llamadas desde mi extensión
my desk phone has no dial tone'
 WHERE question = 'Mi teléfono de escritorio no tiene tono' AND examples = '';
UPDATE faq SET examples = 'cómo paso una llamada a otra extensión
cómo transfiero una llamada
quiero desviar una llamada a un compañero
cómo paso la llamada a otra persona
how do i transfer a call'
 WHERE question = '¿Cómo transfiero una llamada desde mi extensión?' AND examples = '';
UPDATE faq SET examples = 'cómo oigo los mensajes de voz
tengo un mensaje en el teléfono y no sé cómo escucharlo
se prende la luz de mensaje en mi teléfono
cómo reviso el buzón de voz de mi extensión
olvidé el pin del buzón de voz
how do i check my voicemail'
 WHERE question = '¿Cómo escucho mi buzón de voz?' AND examples = '';
UPDATE faq SET examples = 'cómo subo mi página al servidor
necesito publicar una nueva versión del sistema
quiero actualizar el sitio web del área
cómo cambio el contenido de nuestra página
subir cambios a producción
how do i publish a website update'
 WHERE question = '¿Cómo publico o actualizo una página en el servidor de aplicaciones?' AND examples = '';
UPDATE faq SET examples = 'la página de la dependencia no abre
el sitio web está caído
nuestra aplicación no carga
el portal marca error 500
no abre la página, sale error
our website is down'
 WHERE question = 'Nuestro sitio web o aplicación no abre' AND examples = '';
UPDATE faq SET examples = 'me llegó un correo sospechoso
recibí un correo que me pide mi contraseña
le di clic a un enlace de un correo raro
me llegó un correo del banco que parece falso
creo que me hackearon el correo
un correo me pide mis datos personales
i got a phishing email'
 WHERE question = '¿Cómo protejo mi equipo de un correo sospechoso (phishing)?' AND examples = '';
