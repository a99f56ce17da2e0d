using System.Buffers.Binary;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Technopark.IntegrationTests.Companies;

/// <summary>Pictures made for the tests: real PNG and JPEG files, and a PNG whose header declares a huge picture.</summary>
public static class TestImages
{
    /// <summary>A picture of <paramref name="width"/> × <paramref name="height"/> with an EXIF profile (an author and a comment).</summary>
    public static byte[] Make(int width, int height, bool jpeg)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(200, 40, 60));
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Artist, "Secret author");
        image.Metadata.ExifProfile.SetValue(ExifTag.ImageDescription, "Taken at home");
        using var output = new MemoryStream();
        if (jpeg)
        {
            image.SaveAsJpeg(output, new JpegEncoder { Quality = 80 });
        }
        else
        {
            image.SaveAsPng(output);
        }

        return output.ToArray();
    }

    /// <summary>A PNG whose header declares <paramref name="width"/> × <paramref name="height"/> pixels, with almost no data: a decompression bomb's shape.</summary>
    public static byte[] DeclaringHugeSize(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        Chunk(output, "IHDR", header);
        Chunk(output, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
