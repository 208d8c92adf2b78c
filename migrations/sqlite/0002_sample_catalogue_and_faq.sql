-- Sample data a desk replaces with its own (`mesabot faq import FILE`).
-- Services of the Dirección General del Sistema Estatal de Informática (DGSEI).
INSERT INTO services (code, name, description, sort_order) VALUES
    ('correo',     'Correo electrónico institucional',
     'Cuentas, contraseñas, buzones, listas y configuración del correo institucional.', 10),
    ('hospedaje',  'Alojamiento de aplicaciones',
     'Alojamiento, administración y soporte de aplicaciones y sitios web de las dependencias.', 20),
    ('red',        'Red e internet',
     'Conexión a la red institucional, internet, red inalámbrica y VPN.', 30),
    ('telefonia',  'Telefonía',
     'Extensiones, aparatos telefónicos, buzón de voz y transferencias.', 40),
    ('equipo',     'Equipo de cómputo y periféricos',
     'Computadoras, impresoras, escáneres, monitores y otros periféricos.', 50),
    ('sistemas',   'Sistemas institucionales',
     'Sistemas y aplicaciones de gobierno, usuarios, permisos y certificados.', 60),
    ('otro',       'Otro servicio de TIC',
     'Cualquier otro servicio de tecnologías de la información de la DGSEI.', 99);

INSERT INTO faq (question, answer, keywords, service_code) VALUES
('¿Cómo restablezco la contraseña de mi correo institucional?',
'1. Entre al portal de correo institucional y elija «¿Olvidó su contraseña?».
2. Escriba su cuenta completa (nombre@dependencia.gob.mx) y el código que aparece en pantalla.
3. Recibirá un enlace en el correo alterno o un código por SMS al celular que registró.
4. Elija una contraseña nueva de al menos 12 caracteres, con mayúsculas, minúsculas, números y un símbolo.
Si no registró un correo alterno ni un celular, el restablecimiento lo hace un resolutor: pida un ticket.',
'contraseña, password, clave, olvidé, olvide, restablecer, recuperar, correo, email, cuenta, acceso', 'correo'),

('Mi cuenta de correo está bloqueada',
'La cuenta se bloquea 30 minutos después de cinco intentos fallidos. Espere ese tiempo y vuelva a intentar con cuidado (revise que no esté activada la tecla Bloq Mayús). Si sigue bloqueada después de 30 minutos o no recuerda su contraseña, use la opción «¿Olvidó su contraseña?» del portal de correo.',
'bloqueada, bloqueo, bloqueado, cuenta, correo, intentos, acceso, no puedo entrar', 'correo'),

('¿Cómo configuro el correo institucional en mi celular?',
'En Android o iPhone:
1. Abra Ajustes › Cuentas (o Correo › Cuentas) › Agregar cuenta › Exchange (o Microsoft Exchange/Outlook).
2. Escriba su correo institucional completo y su contraseña.
3. Si le pide servidor, escriba correo.edomex.gob.mx y active SSL.
4. Acepte la política de seguridad del dispositivo.
También puede instalar la aplicación Outlook y agregar su cuenta ahí.',
'celular, teléfono, móvil, movil, smartphone, android, iphone, configurar, correo, outlook, exchange', 'correo'),

('¿Cómo configuro mi correo en Outlook de escritorio?',
'Abra Outlook › Archivo › Agregar cuenta, escriba su correo institucional completo y su contraseña, y elija «Conectar». Outlook detecta la configuración solo. Si pide datos del servidor, elija Exchange y escriba correo.edomex.gob.mx. Cierre y vuelva a abrir Outlook al terminar.',
'outlook, escritorio, configurar, cuenta, perfil, correo, computadora', 'correo'),

('Mi buzón de correo está lleno',
'Cuando el buzón llega a su límite ya no recibe mensajes. Libere espacio así:
1. Vacíe las carpetas «Elementos eliminados» y «Correo no deseado».
2. Busque mensajes con archivos adjuntos grandes (filtro «Tiene datos adjuntos» y ordene por tamaño) y elimínelos o guárdelos en su equipo.
3. Vacíe la carpeta «Elementos enviados» de mensajes antiguos.
Si su trabajo requiere más espacio, pida un ticket de requerimiento para ampliar el buzón.',
'buzón, buzon, lleno, espacio, cuota, almacenamiento, límite, no recibo correos', 'correo'),

('No recibo correos de fuera del gobierno',
'Revise primero la carpeta «Correo no deseado». Si el mensaje está ahí, márquelo como «No es correo no deseado». Pida al remitente que confirme la dirección exacta. Si el remitente recibe un mensaje de rechazo, envíenos el texto del rechazo en un ticket para que el resolutor revise el filtro.',
'no recibo, correos, externos, spam, no deseado, rechazo, filtro, remitente', 'correo'),

('¿Cómo configuro la respuesta automática de vacaciones?',
'En el correo web: Configuración › Respuestas automáticas › Activar respuestas automáticas. Escriba el mensaje, elija las fechas de inicio y fin, y guarde. En Outlook de escritorio: Archivo › Respuestas automáticas.',
'respuesta automática, vacaciones, fuera de la oficina, ausencia, mensaje automático, correo', 'correo'),

('¿Cómo me conecto a la VPN institucional?',
'1. Instale el cliente de VPN que le indicó su área de sistemas (FortiClient).
2. Cree una conexión con el servidor vpn.edomex.gob.mx, puerto 443.
3. Entre con su usuario de red y contraseña, y escriba el código de verificación que llega a su celular.
Si no tiene cuenta de VPN, su titular de área debe solicitarla con un ticket de requerimiento.',
'vpn, remoto, desde casa, home office, conexión, forticlient, acceso remoto, teletrabajo', 'red'),

('La VPN se conecta pero no abre los sistemas',
'Desconéctese y vuelva a conectarse. Verifique que su internet funciona abriendo una página pública. Si usa red de casa, reinicie el módem. Si sigue igual, anote el mensaje de error que muestra el sistema y pida un ticket indicando qué sistema no abre.',
'vpn, sistemas, no abre, conectada, lenta, error, remoto', 'red'),

('No tengo internet en mi computadora',
'1. Revise que el cable de red esté bien conectado a la computadora y a la toma de la pared (el foco del puerto debe encender).
2. Si usa red inalámbrica, confirme que está conectado a la red institucional.
3. Reinicie la computadora.
4. Pregunte a un compañero cercano si él tiene internet: si tampoco tiene, es una falla del área y conviene reportarla con un ticket para todos.',
'internet, red, sin conexión, no navega, cable, ethernet, no hay internet, desconectado', 'red'),

('¿Cómo me conecto a la red inalámbrica (wifi) institucional?',
'Elija la red inalámbrica institucional de su edificio, escriba su usuario de red (sin @dependencia) y su contraseña de red. Si le pregunta por un certificado, acepte el certificado del Gobierno del Estado. Los invitados usan la red de visitantes con la clave que entrega el área administrativa.',
'wifi, wi-fi, inalámbrica, inalambrica, red, conectar, contraseña wifi, laptop', 'red'),

('Internet está muy lento',
'Cierre las pestañas y programas que no use, sobre todo videos y descargas. Reinicie el navegador. Si la lentitud afecta a toda su área, es probable que sea un problema de enlace: repórtelo con un ticket indicando edificio, piso y desde qué hora ocurre.',
'lento, lentitud, internet, navegación, tarda, velocidad, red lenta', 'red'),

('Mi impresora no imprime',
'1. Revise que la impresora esté encendida, con papel y sin atascos, y que no muestre mensajes de error.
2. En la computadora, abra Configuración › Impresoras, elija su impresora y cancele los trabajos pendientes.
3. Apague la impresora 30 segundos y vuelva a encenderla.
4. Intente imprimir una página de prueba.
Si muestra un error de hardware o sigue sin imprimir, pida un ticket indicando la marca, el modelo y el número de inventario.',
'impresora, imprimir, no imprime, cola de impresión, atasco, papel, printer', 'equipo'),

('¿Cómo agrego una impresora de red?',
'Abra Configuración › Impresoras y escáneres › Agregar dispositivo. Si la impresora no aparece, elija «La impresora que deseo no está en la lista» y escriba su dirección, que viene en la etiqueta de la impresora (por ejemplo \\servidor-impresion\piso3). Instale el controlador que le ofrezca Windows.',
'agregar impresora, instalar impresora, impresora de red, compartida, controlador, driver', 'equipo'),

('El escáner no envía los documentos a mi correo',
'Confirme en la pantalla del equipo que su dirección de correo está bien escrita. Revise su carpeta de «Correo no deseado». Los archivos mayores a 10 MB no se envían: escanee en blanco y negro o en menor resolución.',
'escáner, escaner, escanear, digitalizar, multifuncional, enviar a correo', 'equipo'),

('Mi computadora está muy lenta',
'1. Reinicie la computadora (no solo la suspenda): muchas actualizaciones se terminan de instalar al reiniciar.
2. Cierre los programas que no use.
3. Revise que tenga al menos 10 % de espacio libre en el disco C: y borre archivos temporales con «Liberador de espacio en disco».
Si sigue lenta, pida un ticket con el número de inventario del equipo.',
'computadora lenta, lenta, pc, equipo, tarda, se traba, congelada, rendimiento', 'equipo'),

('Mi computadora no enciende',
'Revise que el cable de corriente esté conectado al equipo y al contacto, y que el regulador o no-break esté encendido. Pruebe otro contacto. En laptops, conecte el cargador y espere unos minutos. Si no enciende, pida un ticket con el número de inventario: un técnico revisará el equipo.',
'no enciende, no prende, computadora, pc, laptop, apagada, corriente, energía', 'equipo'),

('Mi monitor no muestra imagen',
'Revise que el monitor esté encendido (foco) y que el cable de video (HDMI, DisplayPort o VGA) esté bien conectado en ambos extremos. Use el botón de entrada del monitor para elegir la entrada correcta. Mueva el ratón o presione una tecla por si la computadora está suspendida.',
'monitor, pantalla, sin imagen, negra, video, hdmi, vga, no se ve', 'equipo'),

('¿Cómo accedo a una carpeta compartida de mi área?',
'Abra el Explorador de archivos y en la barra de dirección escriba la ruta de la carpeta que le dio su área, por ejemplo \\servidor\area. Entre con su usuario y contraseña de red. Para que aparezca siempre, use «Conectar unidad de red» y marque «Conectar de nuevo al iniciar sesión». Si le niega el acceso, el responsable de la carpeta debe solicitar su permiso con un ticket.',
'carpeta compartida, unidad de red, compartida, archivos, servidor, permisos, acceso denegado', 'red'),

('El sitio de un sistema dice que el certificado no es seguro',
'Los sistemas del gobierno usan certificados emitidos para el dominio del Estado. Revise que la fecha y la hora de su computadora sean correctas: una fecha equivocada hace que todos los certificados parezcan inválidos. Escriba la dirección exactamente como se la dieron (con https). Si el aviso continúa, no capture contraseñas y pida un ticket con una captura de pantalla del mensaje.',
'certificado, no seguro, ssl, https, navegador, conexión no privada, advertencia, seguridad', 'sistemas'),

('¿Cómo instalo mi certificado digital (e.firma) en el navegador?',
'Algunos sistemas le piden su certificado de e.firma. Guarde sus archivos .cer y .key en su equipo, entre al sistema y, cuando lo pida, selecciónelos y escriba su contraseña de clave privada. No comparta nunca el archivo .key ni su contraseña. Si el sistema pide instalar un componente de firma, use el enlace oficial del propio sistema.',
'firma electrónica, efirma, e.firma, certificado digital, cer, key, navegador, firmar', 'sistemas'),

('Olvidé la contraseña de un sistema institucional',
'La mayoría de los sistemas tiene la opción «¿Olvidó su contraseña?» en la pantalla de acceso. Si el sistema no la tiene, el administrador del sistema de su dependencia puede restablecerla; si no sabe quién es, pida un ticket indicando el nombre del sistema.',
'contraseña, sistema, usuario, acceso, olvidé, olvide, restablecer, plataforma', 'sistemas'),

('¿Cómo solicito una cuenta o permisos en un sistema?',
'Las altas de usuario y los permisos se solicitan con un ticket de requerimiento que debe autorizar su titular de área. Indique el nombre del sistema, el rol o permiso que necesita y su número de empleado.',
'alta, usuario nuevo, cuenta nueva, permisos, acceso, sistema, rol, solicitar', 'sistemas'),

('Mi teléfono de escritorio no tiene tono',
'Revise que el cable del auricular y el cable de red del teléfono estén bien conectados. Desconecte el cable de red del teléfono 10 segundos y vuelva a conectarlo: el aparato se reinicia. Si la pantalla muestra «Registrando» por más de cinco minutos, pida un ticket con su número de extensión.',
'teléfono, telefono, tono, extensión, extension, aparato, sin línea, no funciona', 'telefonia'),

('¿Cómo transfiero una llamada desde mi extensión?',
'Durante la llamada presione «Transferir», marque la extensión destino, espere a que contesten para anunciar la llamada y presione «Transferir» de nuevo. Para transferir sin anunciar, presione «Transferir» dos veces después de marcar.',
'transferir, llamada, extensión, desviar, pasar llamada, teléfono', 'telefonia'),

('¿Cómo escucho mi buzón de voz?',
'Presione la tecla de mensajes (sobre) o marque la extensión del buzón de voz de su edificio, escriba su PIN y siga las instrucciones. El PIN inicial se lo da la Mesa de Ayuda; cámbielo la primera vez que entre.',
'buzón de voz, mensajes de voz, voicemail, pin, teléfono, extensión', 'telefonia'),

('¿Cómo publico o actualizo una página en el servidor de aplicaciones?',
'Las publicaciones se hacen por el procedimiento de alojamiento de aplicaciones: el área responsable del sistema envía un ticket de requerimiento con la versión, el paquete y la ventana de publicación. Un resolutor de alojamiento la programa y le confirma por correo.',
'publicar, página, sitio web, servidor, aplicación, alojamiento, hosting, despliegue, actualizar sitio', 'hospedaje'),

('Nuestro sitio web o aplicación no abre',
'Pruebe desde otra computadora o desde su celular sin la red institucional para saber si la falla es general. Si no abre para nadie, es una falla del servicio: pida un ticket de incidente indicando la dirección del sitio y desde qué hora falla, para que lo atienda el área de alojamiento.',
'sitio caído, página no abre, aplicación, servidor, error 500, hosting, alojamiento, no carga', 'hospedaje'),

('¿Cómo protejo mi equipo de un correo sospechoso (phishing)?',
'No abra enlaces ni archivos adjuntos de mensajes que no espera, aunque parezcan de un banco o de una dependencia. La Mesa de Ayuda nunca le pedirá su contraseña. Si ya abrió un enlace o escribió su contraseña, cámbiela de inmediato y pida un ticket de incidente.',
'phishing, correo sospechoso, virus, fraude, enlace, seguridad, hackeo, malware', 'correo');
