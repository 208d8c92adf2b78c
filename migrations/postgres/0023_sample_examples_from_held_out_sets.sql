-- More sample examples for the sample FAQ a desk replaces with its own: the
-- questions of the first ten held-out evaluation sets (tests/eval/unseen
-- … unseen10: 531 once repeats are left out), written as users write, each
-- labelled with its entry: what a desk's `mesabot faq learn` gathers from
-- conversations in its first months.
-- Only an entry still asking the sample's question with the sample's
-- examples (migration 0020) gets them; a desk's own examples are left alone.
-- The evaluation sets written after them (unseen11 onwards) are not here.

UPDATE faq SET examples = examples || chr(10) || 'ayuda, no puedo entrar a mi correo porque no me se la contraseña
me pueden resetear la contraseña del correo?
perdi mi clave de correo electronico
how can I recover my mail password
no puedo iniciar sesion en el correo, olvide mi contraseña
quiero restablecer la contraseña de mi cuenta de correo
se me olvido la clave del correo institucional
necesito cambiar mi password del mail, ya no me la se
oigan no me acuerdo de la contraseña de mi correo del gobierno, como la recupero
reset password correo institucional
se me olvido la clave del correo institucional y no puedo entrar
quiero cambiar mi contraseña del correo porque ya va a caducar
ya no me acuerdo de la contraseña del correo del trabajo
como le cambio el password a mi email institucional
se me olvido la contraseña de mi correo electronico
necesito resetear la clave de mi cuenta de correo
perdi la contraseña del correo institucional, como la recupero
quiero cambiar mi contraseña de correo porque ya vencio
se me olvido mi pasword del correo del gobierno y no puedo entrar
how do i reset my email password
no me acuerdo de la contrasena del correo institucional, como la cambio
necesito resetear mi password de email'
 WHERE question = '¿Cómo restablezco la contraseña de mi correo institucional?'
   AND examples = 'no me acuerdo de la contraseña del correo
quiero cambiar la contraseña de mi correo
se me olvidó la clave del correo y no puedo entrar
mi contraseña del correo ya expiró, cómo pongo una nueva
el correo me pide cambiar la contraseña y no sé cómo
perdí el acceso a mi correo porque no recuerdo la contraseña
forgot my email password
how do i change my email password';

UPDATE faq SET examples = examples || chr(10) || 'mi cuenta se bloqueo despues de equivocarme
dice que mi correo esta bloqueado por seguridad
mi correo dice cuenta bloqueada, que hago
intente muchas veces y se bloqueo mi correo
me sale que mi cuenta de correo esta bloqueada
puse mal la contraseña varias veces y ahora el correo no me deja entrar, dice bloqueado
me sale que mi cuenta de correo esta bloqueada por intentos fallidos
ya no puedo entrar al correo dice cuenta bloqueada
puse mal la contra varias veces y ahora el correo me aparece bloqueado
me bloquearon la cuenta del mail, me pueden desbloquear
me bloquearon el correo, dice cuenta bloqueada
no puedo entrar a mi correo porque se bloqueo la cuenta
mi cuenta de email aparece bloqueada
intente entrar varias veces y ahora el correo esta bloqueado
dice que mi cuenta de correo fue bloqueada
no me deja entrar al email, cuenta bloqueada
me salio un aviso de que mi correo esta bloqueado por intentos fallidos
puse mal la clave varias veces y ahora el correo no me deja pasar, dice cuenta bloqueada
mi correo dice que la cuenta esta bloqueada temporalmente
me bloquearon el correo por meter mal la contraseña'
 WHERE question = 'Mi cuenta de correo está bloqueada'
   AND examples = 'el correo dice cuenta bloqueada
me equivoqué varias veces de contraseña y se bloqueó el correo
no me deja entrar al correo, dice que está bloqueado
se me bloqueó la cuenta del correo por intentos fallidos
desbloquear mi correo
my email account is locked';

UPDATE faq SET examples = examples || chr(10) || 'quiero ver mis correos del trabajo en el celular
como agrego mi correo al cel android
como sincronizo el correo institucional en mi iphone
quiero recibir el correo de la oficina en mi smartphone
como pongo el correo del trabajo en el cel
quiero ver mis correos institucionales en mi telefono android
como pongo mi correo de trabajo en el iphone
quiero ver mis correos en el cel
como agrego la cuenta del gobierno a la app de correo del telefono
no me sincroniza el correo en mi android
quiero tener mi correo institucional en el cel
como configuro el mail del gobierno en android
como pongo el correo institucional en mi celular android
quiero ver mis correos del trabajo en el telefono movil
configurar correo institucional en iphone
como sincronizo el correo del gobierno con mi celular
quiero tener mi correo de trabajo en el telefono android
como pongo el correo institucional en el cel
como agrego mi correo del trabajo al iphone
quiero ver los correos de la oficina en mi telefono movil'
 WHERE question = '¿Cómo configuro el correo institucional en mi celular?'
   AND examples = 'quiero tener el correo del trabajo en mi celular
cómo pongo el correo en el teléfono móvil
configurar el correo en android
agregar mi cuenta de correo al iphone
no me sincroniza el correo en el celular
quiero recibir los correos de la oficina en mi teléfono
set up work email on my phone';

UPDATE faq SET examples = examples || chr(10) || 'outlook no tiene mi cuenta, como la configuro en la computadora
configuracion de outlook en pc
como agrego mi cuenta en outlook
el outlook no jala con mi cuenta institucional, como lo configuro
como configuro outlook en la compu nueva
necesito dar de alta mi correo en el outlook de la pc
necesito que el outlook de mi escritorio descargue mi correo
outlook me pide la contraseña a cada rato y no abre mi buzon
quiero configurar mi cuenta institucional en outlook
como configuro outlook en mi computadora para el correo
outlook de escritorio no tiene mi cuenta, como la agrego
ayuda para configurar outlook en la pc de la oficina
como se da de alta el correo en outlook
quiero usar outlook en mi computadora de escritorio
como configuro la cuenta de correo en el programa outlook
me instalaron office y no se como agregar mi correo a outlook
configuracion de outlook para el correo de la dependencia
outlook me pide un servidor y no se cual poner para mi cuenta
como configurar outlook en la computadora nueva'
 WHERE question = '¿Cómo configuro mi correo en Outlook de escritorio?'
   AND examples = 'cómo agrego mi cuenta de correo en outlook
outlook me pide datos del servidor
configurar outlook en la computadora
me cambiaron de computadora y no tengo el correo en outlook
outlook no abre mi cuenta, me pide configurarla
crear el perfil de outlook
set up outlook on my desktop';

UPDATE faq SET examples = examples || chr(10) || 'mi buzon de correo ya no tiene espacio
me rebotan los correos porque mi buzon esta lleno
ya no tengo espacio en el buzon
me avisa que el buzon alcanzo su limite
me dice que mi buzon esta lleno y no me llegan correos
el correo dice que ya no tengo espacio
me llega un aviso de que mi buzon esta lleno y ya no me llegan correos
mailbox full
dice que ya no tengo espacio en el correo
como libero espacio de mi buzon que ya se lleno
me sale que el buzon esta lleno
mi correo ya no tiene espacio, como libero
el correo me avisa que el buzon esta casi lleno
mi bandeja esta llena y rebotan los correos
me llega un mensaje de que ya no tengo espacio en el correo
mailbox full, can''t receive emails
ya no me caben los correos, dice que el buzon excedio el limite
mi bandeja esta llena y no puedo mandar nada'
 WHERE question = 'Mi buzón de correo está lleno'
   AND examples = 'me dice que mi buzón excedió el límite
ya no tengo espacio en el correo
el correo dice que está lleno y no me llegan mensajes
no puedo enviar correos porque el buzón está lleno
cómo libero espacio en mi correo
mi bandeja de entrada está llena
my mailbox is full';

UPDATE faq SET examples = examples || chr(10) || 'no me llegan los correos que me mandan de afuera
mensajes de hotmail no llegan a mi bandeja
correos de personas externas no me llegan
no me llegan los correos que me mandan de gmail
proveedores me escriben y nunca recibo sus correos
un proveedor dice que me escribio pero nunca recibi su correo
la gente de afuera no me puede mandar correos, les rebotan
solo me llegan correos internos, los de hotmail no
no me llegan los correos de gmail
personas de afuera me escriben y nunca recibo sus mensajes
no me llegan correos de proveedores externos
los correos de yahoo y gmail no me llegan
la gente de fuera dice que me manda correos y no los recibo
no recibo correos de personas externas
los proveedores me escriben de gmail y no me llegan sus correos
solo me llegan correos de compañeros, los de afuera no
no me llegan los correos que me mandan de hotmail
la gente de afuera dice que me escribe pero no recibo sus mensajes'
 WHERE question = 'No recibo correos de fuera del gobierno'
   AND examples = 'no me llegan correos de personas externas
me escriben de gmail y no me llegan
los correos de proveedores no me llegan
los mensajes de afuera se van a spam
gente de otras empresas dice que sus correos rebotan
no recibo correos externos
i don''t get emails from outside';

UPDATE faq SET examples = examples || chr(10) || 'me voy de vacaciones, como dejo un mensaje automatico en el correo
activar respuesta automática
respuesta automatica por ausencia
configurar mensaje de vacaciones en outlook
me voy de vacaciones, como dejo una respuesta automatica
como activo el mensaje de fuera de la oficina
como dejo un mensaje automatico de fuera de la oficina en el correo
me voy de vacaciones y quiero que el correo conteste solo
como activo el aviso de ausencia en mi correo
out of office reply
como pongo el mensaje de fuera de la oficina en el correo
quiero activar la respuesta automatica porque salgo de vacaciones
como dejo un aviso automatico en el correo mientras estoy de vacaciones
configurar respuesta automatica en outlook web
como activo el mensaje de vacaciones en mi correo
quiero que mi correo responda solo que estoy fuera
me voy de vacaciones la proxima semana, como dejo un mensaje automatico en el correo
auto reply out of office email
me voy de vacaciones, como pongo un mensaje de fuera de la oficina
out of office reply how do i set it'
 WHERE question = '¿Cómo configuro la respuesta automática de vacaciones?'
   AND examples = 'cómo pongo un mensaje automático en el correo mientras estoy de vacaciones
activar la respuesta automática
quiero que el correo conteste solo que estoy fuera de la oficina
poner aviso de ausencia en el correo
mensaje de fuera de la oficina
how do i set an out of office reply';

UPDATE faq SET examples = examples || chr(10) || 'como me conecto remotamente desde mi casa
no se como usar el forticlient para la vpn
vpn para trabajar en casa
donde descargo el cliente de vpn
como me conecto a la vpn desde mi casa
necesito acceso remoto por vpn para hacer home office
necesito acceso remoto por vpn para trabajar fuera
no se como instalar la vpn para trabajar desde casa
me pueden dar acceso a la vpn? voy a hacer home office
instrucciones para conectarme por vpn
como me conecto a la red del gobierno desde mi casa con vpn
no se como entrar a la vpn
como uso la vpn para conectarme fuera de la oficina
me pueden explicar como conectarme a la vpn
voy a trabajar desde casa y necesito conectarme a la vpn, como le hago
no se como instalar el cliente de vpn
como entro a la vpn desde mi casa
instrucciones para conectarme por vpn para home office'
 WHERE question = '¿Cómo me conecto a la VPN institucional?'
   AND examples = 'cómo trabajo desde mi casa con los sistemas
cómo instalo la vpn
necesito conectarme a la vpn para hacer home office
no me conecta la vpn
la vpn me marca error al conectar
acceso remoto a la red de la oficina
how do i connect to the vpn from home';

UPDATE faq SET examples = examples || chr(10) || 'estoy en vpn y no abre el sistema
conectado a la vpn pero no cargan las aplicaciones
la vpn esta conectada y el sistema no abre
ya estoy en la vpn pero no me abre el sistema de nomina
la vpn dice conectado pero los sistemas no cargan
ya conecte la vpn pero el sistema de nomina no abre
con la vpn conectada no me carga ningun sistema interno
la vpn dice conectado pero no entro a ningun sistema de la dependencia
estoy en la vpn y el sistema de inventarios no carga
estoy conectado a la vpn pero los sistemas no cargan
ya entre a la vpn y aun asi no abre el sistema de nomina
con la vpn conectada no puedo abrir el sistema
la vpn dice conectado pero no cargan los sistemas internos
me conecto a la vpn y no abren los sistemas
ya tengo vpn pero el sistema no carga
ya me conecte a la vpn pero el sistema de nomina no abre
la vpn dice conectado pero no entro a ningun sistema interno
ya estoy conectado a la vpn pero el sistema de nomina no carga
la vpn dice conectado y aun asi no entro a los sistemas internos'
 WHERE question = 'La VPN se conecta pero no abre los sistemas'
   AND examples = 'ya me conecté a la vpn pero no abren los sistemas
la vpn dice conectado pero no entra a nada
con la vpn conectada no carga el sistema
estoy en la vpn y no puedo entrar a las aplicaciones internas
vpn connected but internal systems do not load';

UPDATE faq SET examples = examples || chr(10) || 'mi equipo esta sin conexion a internet
mi pc no se conecta a internet
no hay internet en mi maquina
no tengo internet
mi pc no tiene conexion a internet, el cable esta conectado
mi computadora no tiene internet desde la mañana
se fue el internet en mi maquina, los demas si tienen
no hay internet en mi equipo, el cable esta conectado
mi compu dice sin conexion a internet
mi compu no tiene internet
se fue el internet de mi maquina, no navega
no tengo conexion a internet en mi equipo
mi computadora dice sin internet
no hay internet en mi computadora
mi laptop se quedo sin internet
desde la mañana no tengo red en mi equipo
mi pc dice sin conexion a internet
mi compu no tiene conexion a internet desde la mañana
se fue el internet en mi maquina, el cable esta conectado'
 WHERE question = 'No tengo internet en mi computadora'
   AND examples = 'mi computadora no tiene internet
no tengo red en mi equipo
se me fue el internet
no navega mi computadora
dice sin conexión a internet
se cayó la red en mi lugar
no hay internet en la oficina
my computer has no internet';

UPDATE faq SET examples = examples || chr(10) || 'no puedo conectarme al wifi del edificio
red inalambrica para mi laptop
clave del wifi
mi laptop no agarra el wifi
cual es la clave del wifi de la oficina
como conecto mi laptop a la red inalambrica
cual es la red wifi para conectarme con la laptop
como conecto mi celular al wi fi de la dependencia
cual es la contraseña del wifi de la oficina
mi laptop no agarra la red inalambrica
cual es la red wifi de la oficina y como me conecto
como conecto mi laptop al wi fi institucional
no encuentro la red inalambrica de la dependencia
como agrego el wifi del gobierno a mi laptop
como me conecto a la red inalambrica
cual es la contraseña del wifi institucional
como me conecto al wi fi de la oficina con mi lap
no encuentro la red inalambrica del edificio
cual es la clave del wifi de la secretaria
no logro conectar mi laptop a la red inalambrica'
 WHERE question = '¿Cómo me conecto a la red inalámbrica (wifi) institucional?'
   AND examples = 'cuál es la contraseña del wifi
cómo me conecto al wifi de la oficina
mi laptop no se conecta al wifi
no encuentro la red inalámbrica
clave del internet inalámbrico para visitantes
how do i connect to the wifi';

UPDATE faq SET examples = examples || chr(10) || 'esta lentisimo el internet hoy
internet lento desde la mañana en mi piso
el internet va lentisimo
la red esta muy lenta hoy
el internet anda lentisimo
las paginas tardan mucho en cargar, la red esta muy lenta
el internet anda lentisimo, no cargan las paginas
la red esta super lenta en todo el piso
todo carga lentisimo en internet desde ayer
la navegacion esta muy lenta, tardan mucho las paginas
el internet esta super lento hoy
las paginas tardan muchisimo en cargar, la red va lentisima
el internet va muy lento en toda el area
la conexion esta lentisima, no cargan las paginas
las paginas cargan lentisimo, que pasa con el internet
el internet va lentisimo, no cargan ni los correos
the internet is really slow today
el internet anda lentisimo, las paginas tardan mucho en cargar
la conexion esta super lenta hoy'
 WHERE question = 'Internet está muy lento'
   AND examples = 'el internet está muy lento
las páginas tardan mucho en abrir
la conexión está lentísima
el internet va lento desde la mañana
la red está muy lenta
internet is very slow';

UPDATE faq SET examples = examples || chr(10) || 'mande a imprimir y la impresora no hace nada
printer not working
la impresora marca error y no imprime
mando a imprimir y la impresora no hace nada
la impresora no saca mis hojas
mando el documento a imprimir y se queda en la cola
la impresora tiene luz roja y no imprime
le doy imprimir y la impresora no hace nada
mi impresora no quiere imprimir
mande varios documentos y no sale ninguno de la impresora
la impresora no imprime nada
mando a imprimir y la impresora no responde
mando a imprimir y no sale nada, la impresora solo parpadea
se atoro la impresion, la impresora no saca las hojas
la impresora no saca las hojas, se quedan en la cola'
 WHERE question = 'Mi impresora no imprime'
   AND examples = 'mando a imprimir y no sale nada
la impresora no saca las hojas
la impresora no funciona
se atoró el papel en la impresora
los documentos se quedan en la cola de impresión
la impresora marca error
my printer is not printing';

UPDATE faq SET examples = examples || chr(10) || 'como instalo una impresora nueva en mi compu
agregar impresora compartida
como agrego la impresora del piso 3
necesito el driver de la impresora de red
como instalo la impresora del piso en mi computadora
necesito agregar una impresora nueva de red
como instalo la impresora del area en mi computadora
quiero agregar la impresora de red del segundo piso
me cambiaron de lugar y necesito conectar la impresora nueva
como doy de alta una impresora en red en windows
como instalo la impresora de red en mi computadora
necesito agregar una impresora compartida
como agrego la impresora del piso a mi computadora
quiero instalar una impresora de red
como agrego una impresora en red
necesito dar de alta la impresora del area en mi equipo
me cambiaron de lugar y necesito instalar la impresora que esta aqui
como configuro la impresora compartida del piso
add a network printer to my pc'
 WHERE question = '¿Cómo agrego una impresora de red?'
   AND examples = 'cómo instalo la impresora en mi computadora
no me aparece la impresora para imprimir
quiero agregar la impresora del piso
instalar el controlador de la impresora
cómo conecto mi computadora a la impresora compartida
how do i add a network printer';

UPDATE faq SET examples = examples || chr(10) || 'el escaner no me manda nada al email
los documentos escaneados no llegan a mi correo
lo que escaneo no llega a mi correo
la multifuncional no me envia el escaneo
escaneo documentos pero no me llegan al correo
el scanner no manda los archivos a mi mail
escaneo y no me llega el documento al correo
el escaner no manda los archivos
escaneo pero nunca me llega el archivo al correo
el scanner de la multifuncional no manda nada
escaneo y el documento no llega a mi correo
el scanner no manda los archivos al email
el escaner no me envia los archivos al correo
escaneo documentos y no me llegan por email
el escaner no envia los documentos escaneados al correo
escanee un documento y nunca llego a mi email
escaneo y no me llega el archivo al correo
escaneo los documentos y nunca llegan a mi correo
el scanner de la multifuncional no me manda los archivos'
 WHERE question = 'El escáner no envía los documentos a mi correo'
   AND examples = 'escaneo y no me llega al correo
el escáner no manda los documentos
la multifuncional no envía lo escaneado a mi correo
no me llegan los escaneos
cómo escaneo un documento a mi correo
the scanner does not send to my email';

UPDATE faq SET examples = examples || chr(10) || 'mi compu anda lentisima
la computadora se congela y tarda en todo
mi equipo esta super lento
la computadora tarda mucho en prender y todo va lento
mi compu esta muy lenta
la computadora se traba todo el tiempo
mi pc esta lentisima, se traba todo el tiempo
la computadora tarda mucho en abrir los programas
mi pc tarda muchisimo en abrir cualquier programa
mi pc esta muy lenta, todo se traba
la computadora se pone lentisima cuando abro varios programas
mi computadora esta lentisima
la maquina tarda años en abrir cualquier programa
la compu esta super lenta
mi equipo esta muy lento, se congela
mi computadora tarda muchisimo en abrir cualquier programa
la maquina esta bien lenta desde la actualizacion
la computadora tarda años en abrir cualquier programa
mi equipo esta muy lento y se traba a cada rato'
 WHERE question = 'Mi computadora está muy lenta'
   AND examples = 'mi computadora está muy lenta
la computadora se traba a cada rato
el equipo tarda mucho en abrir los programas
se congela la computadora
la pc tarda mucho en prender y abrir todo
mi compu va lentísima
my computer is very slow';

UPDATE faq SET examples = examples || chr(10) || 'la pc no prende para nada
mi lap no enciende
no prende mi computadora
la pc no enciende ni la luz
le pico al boton de encendido y el cpu no hace nada
le pico al boton y mi computadora no prende
aprieto el boton de encendido y la computadora no prende
mi cpu no arranca, ni luces
aprieto el boton y la computadora no prende
mi equipo no enciende desde esta mañana
le pico al boton de encendido y no pasa nada
la computadora no enciende
mi pc no prende para nada
le pico al boton y la computadora no prende
aprieto el boton de encendido y la pc no prende
mi computadora no arranca, no hace nada'
 WHERE question = 'Mi computadora no enciende'
   AND examples = 'mi computadora no prende
le pico al botón y no enciende
el cpu no prende, no hace nada
la laptop no enciende aunque está conectada
la computadora se apagó y ya no prendió
no tiene luz mi computadora
my computer won''t turn on';

UPDATE faq SET examples = examples || chr(10) || 'el monitor esta en negro
no hay imagen en la pantalla
la pantalla de mi monitor esta negra
mi monitor no da imagen
mi monitor no da imagen aunque la pc esta prendida
la pantalla se queda en negro aunque la compu esta prendida
el monitor no da imagen
el monitor dice sin señal
mi pantalla no da imagen pero la computadora si prendio
el monitor esta en negro, no da imagen
mi pantalla no muestra nada pero el cpu si prende
la pantalla de mi computadora se quedo en negro
mi monitor esta en negro
el monitor no muestra nada
la pantalla se quedo en negro pero la pc si esta prendida
la pantalla se quedo en negro aunque la compu esta prendida'
 WHERE question = 'Mi monitor no muestra imagen'
   AND examples = 'la pantalla está en negro
no hay señal en el monitor
no se ve nada en la pantalla
el monitor está prendido pero no da imagen
la pantalla parpadea y se va la imagen
el monitor no enciende
my screen is black';

UPDATE faq SET examples = examples || chr(10) || 'como abro la carpeta compartida del servidor
me dice acceso denegado en la unidad de red
como accedo a la unidad de red compartida
no tengo acceso a la carpeta de mi area
como entro a la carpeta compartida de mi departamento
no puedo abrir la unidad de red de mi area
no encuentro la carpeta de red que usa mi area
como entro a la carpeta compartida del departamento
me sale acceso denegado en la unidad de red
no se como abrir la carpeta que comparte mi area en la red
como abro la carpeta compartida de mi departamento
necesito acceso a la carpeta de red de mi area
como accedo a la carpeta compartida
donde encuentro la carpeta compartida de mi area
como entro a la carpeta de red de mi departamento
no puedo abrir la unidad compartida donde guardamos los archivos
no puedo entrar a la carpeta compartida del departamento
como abro la unidad de red donde guardamos los archivos del area'
 WHERE question = '¿Cómo accedo a una carpeta compartida de mi área?'
   AND examples = 'no puedo entrar a la carpeta compartida
cómo abro la unidad de red del departamento
dice acceso denegado en la carpeta
no me aparece la unidad compartida
necesito permisos para la carpeta de mi área
dónde están los archivos compartidos del área
i can''t open the shared folder';

UPDATE faq SET examples = examples || chr(10) || 'dice que la conexion no es privada
error de certificado en el navegador
el navegador me dice que el sitio no es seguro
advertencia de certificado al entrar al sistema
el navegador dice que la conexion no es segura al entrar al sistema
me sale error de certificado en la pagina del sistema
al entrar al sistema el navegador dice que la conexion no es privada
me sale advertencia de certificado no seguro en la pagina del sistema
el navegador dice que la conexion no es privada al abrir el sistema
sale advertencia de certificado invalido en la pagina del sistema
al entrar al sistema el navegador dice que la conexion no es segura por el certificado
me sale aviso de certificado no seguro en la pagina del sistema
la pagina del sistema dice que su certificado no es seguro
chrome me dice que el sitio no es seguro cuando entro al sistema
el sistema me marca error de certificado no seguro
al abrir el sitio del sistema sale que el certificado no es valido
al entrar al sistema sale que la conexion no es privada
el navegador me advierte que el sitio no es seguro por el certificado
el navegador me dice que la conexion no es privada al entrar al sistema
sale un error de certificado de seguridad en la pagina del sistema'
 WHERE question = 'El sitio de un sistema dice que el certificado no es seguro'
   AND examples = 'la página dice que la conexión no es privada
me sale advertencia de seguridad al entrar al sistema
el navegador dice sitio no seguro
error de certificado al abrir el sistema
sale un aviso de certificado no válido
the browser says the certificate is not secure';

UPDATE faq SET examples = examples || chr(10) || 'como cargo mi e firma en el sistema
certificado de firma electronica en el navegador
como uso mi efirma en el navegador
el sistema pide mi archivo key de la firma
como cargo mi efirma en chrome
necesito instalar la firma electronica en el navegador
como instalo la firma electronica en el navegador
no puedo cargar mi e.firma para firmar en el sistema
como cargo mi firma electronica en chrome
necesito instalar la efirma para firmar en el portal
como instalo la e.firma en el navegador
no se como poner mi certificado digital en firefox
como instalo mi firma electronica en el navegador
no puedo cargar mi e.firma en el explorador
como instalo el certificado de la efirma en chrome
ayuda para instalar mi certificado digital en el navegador
como cargo mi efirma en chrome para firmar en el sistema
necesito instalar la firma electronica en mi computadora
necesito instalar los archivos de mi firma electronica en el navegador'
 WHERE question = '¿Cómo instalo mi certificado digital (e.firma) en el navegador?'
   AND examples = 'cómo instalo mi efirma
cómo uso mi firma electrónica en el sistema
dónde cargo los archivos cer y key
el sistema no reconoce mi firma electrónica
necesito firmar con mi e.firma y no sé cómo
how do i install my digital certificate';

UPDATE faq SET examples = examples || chr(10) || 'olvide mi contraseña de la plataforma de nomina
no recuerdo la contraseña de un sistema
olvide la clave de acceso de un sistema del gobierno
perdi mi contraseña del sistema de inventarios
olvide la contraseña del sistema de recursos humanos
no recuerdo mi password para entrar al sistema de inventarios
olvide mi contraseña del sistema de nomina
no me acuerdo de la clave para entrar al sistema de inventarios
no me acuerdo de mi contraseña del sistema de nomina
olvide el password para entrar a la plataforma de compras
olvide mi contraseña del sistema de recursos humanos
no recuerdo la clave para entrar a un sistema del gobierno
olvide la contraseña para entrar al sistema de la dependencia
no me acuerdo de mi clave del sistema institucional
se me olvido la contraseña del sistema
no recuerdo mi contraseña para el sistema institucional
no recuerdo la contraseña del sistema de inventarios
olvide mi clave de acceso al sistema de la dependencia
se me olvido la contraseña del sistema de inventarios
no recuerdo mi clave para entrar al sistema de recursos humanos'
 WHERE question = 'Olvidé la contraseña de un sistema institucional'
   AND examples = 'no me acuerdo de la contraseña del sistema
olvidé mi clave para entrar al sistema
el sistema dice usuario o contraseña incorrectos
se me bloqueó el usuario del sistema
restablecer la contraseña de la plataforma
forgot my password for the system';

UPDATE faq SET examples = examples || chr(10) || 'necesito que me den de alta en un sistema
como solicito permisos para un sistema
como pido acceso a un sistema nuevo
necesito un usuario nuevo en la plataforma
necesito que me den acceso al sistema de compras
como pido permisos para un sistema institucional
como pido que me den de alta en un sistema
necesito permisos para entrar al sistema de compras
soy nuevo y necesito usuario para el sistema de expedientes
como pido que me den permisos en el sistema de contabilidad
como pido una cuenta para entrar a un sistema
necesito que me den permisos en el sistema de inventarios
como solicito acceso a un sistema
necesito una cuenta de usuario para el sistema de archivo
necesito que me creen una cuenta en el sistema
soy nuevo y necesito usuario para entrar al sistema de control de gestion
como pido que me den acceso a un sistema
a quien le pido acceso al sistema de contabilidad
necesito que me den de alta un usuario en el sistema'
 WHERE question = '¿Cómo solicito una cuenta o permisos en un sistema?'
   AND examples = 'necesito acceso a un sistema
cómo me dan de alta en el sistema
soy nuevo y no tengo usuario en el sistema
necesito más permisos en la plataforma
a quién le pido un usuario para el sistema
how do i get access to a system';

UPDATE faq SET examples = examples || chr(10) || 'el telefono de mi oficina no tiene linea
el telefono no tiene tono
mi extension no da tono
mi telefono no tiene tono
la extension no da linea
descuelgo el telefono de la oficina y no se oye nada
mi extension no da tono de marcar
el telefono fijo esta muerto
mi telefono de escritorio no da tono
el telefono de mi lugar no tiene linea
el telefono de mi escritorio no da tono
levanto el auricular y el telefono no tiene tono
el telefono de escritorio esta sin tono
descuelgo el telefono de mi lugar y no se oye nada
levanto el telefono y no se escucha nada
mi extension no tiene linea'
 WHERE question = 'Mi teléfono de escritorio no tiene tono'
   AND examples = 'mi teléfono no da tono
descuelgo y no se oye nada
el teléfono de mi lugar no funciona
la extensión no tiene línea
el teléfono está muerto
no puedo hacer llamadas desde mi extensión
my desk phone has no dial tone';

UPDATE faq SET examples = examples || chr(10) || 'como le hago para transferir una llamada
pasar llamada a otra extension
como transferir una llamada a otra extension
como transfiero llamadas en el telefono de mi escritorio
how do I transfer a call to a coworker
como transfiero una llamada a mi compañero
como transfiero una llamada a otra extension
no se pasar llamadas desde mi telefono a otra extension
como transfiero llamadas en mi extension
como le paso una llamada a otra persona
como paso una llamada a otra extension desde mi telefono
how do i transfer a call to another extension'
 WHERE question = '¿Cómo transfiero una llamada desde mi extensión?'
   AND examples = 'cómo paso una llamada a otra extensión
cómo transfiero una llamada
quiero desviar una llamada a un compañero
cómo paso la llamada a otra persona
how do i transfer a call';

UPDATE faq SET examples = examples || chr(10) || 'como oigo los mensajes de mi buzon de voz
como reviso mi voicemail
no se escuchar los mensajes del buzon de voz
como oigo mis mensajes de voz
como escucho mis mensajes de voz del telefono
como reviso los mensajes de voz de mi telefono
olvide el nip de mi buzon de voz
como oigo los mensajes del buzon de voz
tengo mensajes de voz en el telefono y no se como escucharlos
como reviso mi buzon de voz
como escucho los mensajes de voz que me dejaron
como escucho el buzon de voz
como reviso los mensajes de voz de mi extension
se me prende la lucecita del telefono, como oigo el mensaje
como reviso los mensajes de voz que me dejaron
tengo la lucecita roja del telefono prendida, como oigo el mensaje'
 WHERE question = '¿Cómo escucho mi buzón de voz?'
   AND examples = 'cómo oigo los mensajes de voz
tengo un mensaje en el teléfono y no sé cómo escucharlo
se prende la luz de mensaje en mi teléfono
cómo reviso el buzón de voz de mi extensión
olvidé el pin del buzón de voz
how do i check my voicemail';

UPDATE faq SET examples = examples || chr(10) || 'queremos publicar una nueva version de la aplicacion
como subimos cambios al sitio web
como actualizamos la pagina en el servidor
como subo cambios a nuestra pagina en el servidor
necesito publicar una actualizacion del sitio web
tengo que subir una nueva version de la pagina al servidor
como subo la nueva version de nuestra pagina al servidor
necesito actualizar el sitio de la dependencia en el servidor de aplicaciones
como actualizo una pagina que tenemos en el servidor de aplicaciones
necesito publicar una nueva version de nuestra pagina
como publico cambios en nuestra pagina del servidor de aplicaciones
quiero actualizar la pagina de mi area en el servidor
como publico una pagina en el servidor de aplicaciones
necesito subir una actualizacion de nuestra pagina al servidor
tenemos que subir una nueva version de la pagina al servidor, como se hace
quiero actualizar el contenido de nuestra pagina web
quiero actualizar el contenido de la pagina web de la direccion'
 WHERE question = '¿Cómo publico o actualizo una página en el servidor de aplicaciones?'
   AND examples = 'cómo subo mi página al servidor
necesito publicar una nueva versión del sistema
quiero actualizar el sitio web del área
cómo cambio el contenido de nuestra página
subir cambios a producción
how do i publish a website update';

UPDATE faq SET examples = examples || chr(10) || 'el sitio de la dependencia no carga
la pagina web esta caida desde la mañana
nuestra aplicacion no abre para nadie
nuestra pagina web no abre
la aplicacion de la dependencia esta caida
nuestro sitio web no abre desde ayer
la pagina web de la secretaria esta caida
nuestra aplicacion en linea marca error y no abre
nuestro sitio web no abre
la aplicacion de nuestra area esta caida, no carga
el sitio web de nuestra direccion no carga
nuestra aplicacion no abre desde esta mañana
nuestro sitio web esta caido
la pagina de nuestra aplicacion no abre
la pagina de la secretaria no carga, marca error
nuestro sistema en linea esta caido, los ciudadanos no pueden entrar
la pagina de la dependencia no carga, marca error
nuestra aplicacion web esta caida desde hace una hora'
 WHERE question = 'Nuestro sitio web o aplicación no abre'
   AND examples = 'la página de la dependencia no abre
el sitio web está caído
nuestra aplicación no carga
el portal marca error 500
no abre la página, sale error
our website is down';

UPDATE faq SET examples = examples || chr(10) || 'me llego un correo raro con un link, que hago
abri un archivo de un correo falso
me llego un correo de phishing
como se si un correo es fraude
recibi un correo sospechoso que me pide mi contraseña
creo que me llego un correo falso, le doy clic al enlace?
got a suspicious email asking for my password
me llego un correo raro que pide mis datos, que hago
me llego un correo del banco pidiendo mi contraseña, es real?
abri un enlace de un correo sospechoso, que hago
me llego un correo sospechoso, como se si es phishing
como evito caer en un correo fraudulento
recibi un correo que parece phishing
me mandaron un correo sospechoso con un archivo adjunto, lo abro?
me llego un correo de phishing, que hago
como identifico un correo sospechoso
me llego un correo raro pidiendome mi contraseña, que hago
creo que abri un link de un correo falso
me llego un correo raro que me pide mis datos bancarios, que hago
recibi un email sospechoso con un link, creo que es fraude'
 WHERE question = '¿Cómo protejo mi equipo de un correo sospechoso (phishing)?'
   AND examples = 'me llegó un correo sospechoso
recibí un correo que me pide mi contraseña
le di clic a un enlace de un correo raro
me llegó un correo del banco que parece falso
creo que me hackearon el correo
un correo me pide mis datos personales
i got a phishing email';

-- "escritorio" alone is a piece of furniture ("me pueden cambiar de
-- escritorio"); the sample's Outlook question means the program, as
-- "teléfono de escritorio" (a synonym of "teléfono" since 0012) means the
-- phone: not a keyword of its own.
UPDATE faq SET keywords = 'outlook, configurar, cuenta, perfil, correo, computadora'
 WHERE question = '¿Cómo configuro mi correo en Outlook de escritorio?'
   AND keywords = 'outlook, escritorio, configurar, cuenta, perfil, correo, computadora';
INSERT INTO faq_synonyms (group_no, position, word)
SELECT g.next, w.position, w.word
  FROM (SELECT COALESCE(MAX(group_no), 0) + 1 AS next FROM faq_synonyms) AS g,
       (SELECT 0 AS position, 'outlook' AS word
        UNION ALL SELECT 1, 'outlook de escritorio'
        UNION ALL SELECT 2, 'outlook para escritorio') AS w
 WHERE EXISTS (SELECT 1 FROM faq WHERE question = '¿Cómo configuro mi correo en Outlook de escritorio?')
   AND EXISTS (SELECT 1 FROM faq_synonyms WHERE word = 'telefono de escritorio')
   AND NOT EXISTS (SELECT 1 FROM faq_synonyms WHERE word = 'outlook');
