package dev.crashguard.testdata.doubleclose;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A Netty message handed to a call that takes ownership of it, then released by the caller as well.
 * {@code write}/{@code writeAndFlush} release the message once it is written out and on every failure
 * (closed channel, cancelled promise, an exception in a handler); {@code fireChannelRead} gives it to the
 * next handler, which releases it; {@code SimpleChannelInboundHandler} releases the message after {@code
 * channelRead0} returns. A release by the caller on top is a second release: {@code
 * IllegalReferenceCountException: refCnt: 0, decrement: 1}, thrown in the caller or later inside Netty,
 * or memory freed that the event loop is still writing from.
 *
 * <p>Written from real reports: a frame released in the listener of a failed {@code writeAndFlush},
 * which had already released it (netty/netty#10306, an "over release" in {@code
 * MessageToMessageEncoder.write}); a handler extending {@code SimpleChannelInboundHandler} that also calls
 * {@code ReferenceCountUtil.release(msg)} in {@code channelRead0} (apache/eventmesh#3271, fixed by removing
 * the release in apache/eventmesh#3272; the same in stargate/stargate#1941); Netty's own HTTP/2 example
 * firing the message on from {@code channelRead0}, "double released because it is fired up the pipeline
 * … and also released by SimpleChannelHandler" (netty/netty#5829, fixed with {@code
 * ReferenceCountUtil.retain(msg)}); and one buffer written to several channels, each write consuming the
 * one reference (turms-im/turms#599, "IllegalReferenceCountException … if relaying a client message to
 * multiple users").
 *
 * <p>The compliant twins pass buffers to calls and release them afterwards, and are right: a {@code
 * retain()} (or a retained duplicate per channel) before the hand-off, a {@code ChannelGroup} that writes
 * a duplicate to each channel itself, Netty's own release-flag idiom, a handler that does not release for
 * the caller ({@code ChannelInboundHandlerAdapter}, or {@code SimpleChannelInboundHandler} with {@code
 * autoRelease} off), and callees that only copy or read the buffer ({@code writeBytes}).
 */
public class NettyOwnershipHandedAway {

  static void handle(ByteBuf msg) {
    msg.skipBytes(msg.readableBytes());
  }

  /** netty#10306: the write failed, Netty released the frame, and the listener releases it again. */
  static class NoncompliantReleasedAfterFailedWrite {
    void send(Channel ch, ByteBuf frame) {
      ch.writeAndFlush(frame)
          .addListener(
              future -> {
                if (!future.isSuccess()) {
                  ReferenceCountUtil.release(frame); // hazard: DoubleClose
                }
              });
    }
  }

  /** write() owns the payload from the call on; the finally releases it again. */
  static class NoncompliantReleasedAfterWrite {
    void send(ChannelHandlerContext ctx, ByteBuf payload) {
      try {
        ctx.write(payload);
      } finally {
        payload.release(); // hazard: DoubleClose
      }
    }
  }

  /** The message is passed on to the next handler, which owns it, and released here too. */
  static class NoncompliantReleasedAfterFire extends ChannelInboundHandlerAdapter {
    private long seen;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        seen++;
        ctx.fireChannelRead(msg);
      } finally {
        ReferenceCountUtil.release(msg); // hazard: DoubleClose
      }
    }
  }

  /** eventmesh#3271: SimpleChannelInboundHandler releases msg after channelRead0; so does the handler. */
  static class NoncompliantReleasedInSimpleHandler extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      handle(msg);
      ReferenceCountUtil.release(msg); // hazard: DoubleClose
    }
  }

  /** netty#5829: fired on without retain(); the next handler owns it and the superclass releases it after return. */
  static class NoncompliantFiredFromSimpleHandler extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      if (msg.readableBytes() > 4) {
        ctx.fireChannelRead(msg); // hazard: DoubleClose
      }
    }
  }

  /** turms#599: one buffer relayed to every recipient; the first write consumes the only reference. */
  static class NoncompliantWrittenToEveryChannel {
    void relay(List<Channel> recipients, ByteBuf message) {
      for (Channel recipient : recipients) {
        recipient.writeAndFlush(message); // hazard: DoubleClose
      }
    }
  }

  /** A retain() before the write: the write owns the new reference, the caller releases its own. */
  static class CompliantRetainedBeforeWrite {
    void send(ChannelHandlerContext ctx, ByteBuf payload) {
      try {
        ctx.write(payload.retain());
      } finally {
        payload.release();
      }
    }
  }

  /** netty#5829 fixed: a retained message is fired on; the superclass releases the handler's own reference. */
  static class CompliantFiredRetained extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      if (msg.readableBytes() > 4) {
        ctx.fireChannelRead(ReferenceCountUtil.retain(msg));
      }
    }
  }

  /** SimpleChannelInboundHandler's own idiom: release only what was not passed on. */
  static class CompliantReleaseFlag extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      boolean release = true;
      try {
        if (msg instanceof ByteBuf buf && buf.readableBytes() > 4) {
          handle(buf);
        } else {
          release = false;
          ctx.fireChannelRead(msg);
        }
      } finally {
        if (release) {
          ReferenceCountUtil.release(msg);
        }
      }
    }
  }

  /** A write in a try/catch and no release afterwards: Netty releases on failure too. */
  static class CompliantWriteOnly {
    void send(Channel ch, ByteBuf frame) {
      try {
        ch.writeAndFlush(frame);
      } catch (RuntimeException e) {
        ch.close();
      }
    }
  }

  /** autoRelease off: the handler releases the message itself, once. */
  static class CompliantAutoReleaseOff extends SimpleChannelInboundHandler<ByteBuf> {
    CompliantAutoReleaseOff() {
      super(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      try {
        handle(msg);
      } finally {
        msg.release();
      }
    }
  }

  /** A plain adapter releases nothing itself: the handler that consumes the message releases it once. */
  static class CompliantConsumingAdapter extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf buf) {
        handle(buf);
      }
      ReferenceCountUtil.release(msg);
    }
  }

  /** writeBytes copies the source; the caller still owns it and releases it once. */
  static class CompliantCopiedNotOwned {
    ByteBuf frame(ByteBuf out, ByteBuf body) {
      out.writeInt(body.readableBytes());
      out.writeBytes(body);
      body.release();
      return out;
    }
  }

  /** One retained duplicate per recipient, or a ChannelGroup that does it; the original released once. */
  static class CompliantDuplicatePerChannel {
    void relay(List<Channel> recipients, ByteBuf message) {
      try {
        for (Channel recipient : recipients) {
          recipient.writeAndFlush(message.retainedDuplicate());
        }
      } finally {
        message.release();
      }
    }

    void broadcast(ChannelGroup group, ByteBuf message) {
      group.writeAndFlush(message);
    }
  }

  /** netty's SslHandler: the write owns the buffer, and the variable is cleared right after it. */
  static class CompliantWrittenThenCleared {
    void flush(ChannelHandlerContext ctx, ByteBuf out) {
      try {
        ctx.write(out).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        out = null;
      } finally {
        if (out != null) {
          out.release();
        }
      }
    }
  }

  /**
   * Messages that are not reference counted (netty's SPDY frames, an {@code HttpObject} handed on by
   * HttpClientUpgradeHandler): nothing is owned, so writing one and firing it on, or writing an NIO buffer
   * wrapped on every pass ({@code wrappedBuffer(ByteBuffer)} takes no reference), releases nothing twice.
   */
  static class CompliantNotReferenceCounted {
    void reset(ChannelHandlerContext ctx) {
      StringBuilder frame = new StringBuilder("RST_STREAM");
      ctx.writeAndFlush(frame);
      ctx.fireChannelRead(frame);
    }

    int sum(ByteBuffer length, int passes) {
      int sum = 0;
      for (int i = 0; i < passes; i++) {
        sum += Unpooled.wrappedBuffer(length).readableBytes();
      }
      return sum;
    }
  }

  /**
   * netty's HttpObjectEncoder, in a handler: a subclass that overrides the framework's own dispatcher
   * ({@code channelRead}) calls {@code channelRead0} itself, and {@code SimpleChannelInboundHandler}'s
   * {@code channelRead}, which would release the message afterwards, never runs; the handler releases the
   * message once, itself.
   */
  static class CompliantOwnDispatcher extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof ByteBuf buf) {
        channelRead0(ctx, buf);
      } else {
        ctx.fireChannelRead(msg);
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      try {
        handle(msg);
      } finally {
        msg.release();
      }
    }
  }

  static class FixedReleasedAfterFailedWrite {
    void send(Channel ch, ByteBuf frame) {
      ch.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
  }

  static class FixedReleasedAfterWrite {
    void send(ChannelHandlerContext ctx, ByteBuf payload) {
      ctx.write(payload);
    }
  }

  static class FixedReleasedAfterFire extends ChannelInboundHandlerAdapter {
    private long seen;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      seen++;
      ctx.fireChannelRead(msg);
    }
  }

  static class FixedReleasedInSimpleHandler extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      handle(msg);
    }
  }

  static class FixedWrittenToEveryChannel {
    void relay(List<Channel> recipients, ByteBuf message) {
      try {
        for (Channel recipient : recipients) {
          recipient.writeAndFlush(message.retainedDuplicate());
        }
      } finally {
        message.release();
      }
    }
  }
}
