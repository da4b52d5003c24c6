"""The patient information packet: content, fonts, layout and the PDF renderer. No Qt here.

Public API (import from the modules; this package imports nothing, so reading the
content files does not pull in ReportLab):

- app.packets.packet_input: PacketLead, PacketCoordinator, choose_offer, choose_language
- app.packets.packet_offer: PacketOffer, PacketQuote (the catalogue offer a packet prices)
- app.packets.packet_renderer: render_packet, write_packet, PacketRenderer
- app.packets.packet_batch: render_batch, packet_filename
- app.packets.content: load_content, cached_content, Content, ContentError
"""
